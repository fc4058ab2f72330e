import Commander

/// The jobs panel takes the keys while open (its context's): pick a job, cancel, retry, clear finished.
final class JobsScreen: Overlay {
    var cursor = Int.max

    var context: KeyContext { .jobs }

    func perform(_ command: Command, _ app: App) -> Bool {
        let jobs = app.jobsInOrder
        cursor = max(0, min(cursor, jobs.count - 1))
        switch command {
        case .close: return false
        case .up: cursor = max(0, cursor - 1)
        case .down: cursor = min(jobs.count - 1, cursor + 1)
        case .cancelJob:
            guard jobs.indices.contains(cursor) else { break }
            let queue = app.queue, id = jobs[cursor].id
            Task { await queue.cancel(id) }
        case .retry:
            guard jobs.indices.contains(cursor) else { break }
            let queue = app.queue, id = jobs[cursor].id
            Task { await queue.retry(id) }
        case .clearFinished:
            for j in jobs where j.state.isFinished { app.jobs[j.id] = nil }
        default: break
        }
        return true
    }

    func draw(_ c: inout Canvas, _ app: App) {
        // The panel itself is part of the layout; this draws it again with the cursor.
        let jobs = app.jobsInOrder
        let height = JobsView.panelHeight(jobs, screenHeight: c.height)
        let y = c.height - 2 - height
        JobsView(theme: app.theme).panel(jobs, into: &c, Rect(x: 0, y: y, width: c.width, height: height), spinner: app.spinner,
                                         keys: keyHints(app), cursor: jobs.isEmpty ? nil : max(0, min(cursor, jobs.count - 1)))
    }
}
