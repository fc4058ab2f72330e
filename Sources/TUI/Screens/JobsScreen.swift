import Commander

/// The jobs panel takes the keys while open: pick a job, cancel, retry, clear finished.
final class JobsScreen: Overlay {
    var cursor = Int.max

    func handle(_ key: Key, _ app: App) -> Bool {
        let jobs = app.jobsInOrder
        cursor = max(0, min(cursor, jobs.count - 1))
        switch key {
        case .escape, .char("J"), .char("q"), .f(10): app.jobsPanel = false; return false
        case .up, .char("k"): cursor = max(0, cursor - 1)
        case .down, .char("j"): cursor = min(jobs.count - 1, cursor + 1)
        case .char("c"), .f(8):
            guard jobs.indices.contains(cursor) else { break }
            let queue = app.queue, id = jobs[cursor].id
            Task { await queue.cancel(id) }
        case .char("r"):
            guard jobs.indices.contains(cursor) else { break }
            let queue = app.queue, id = jobs[cursor].id
            Task { await queue.retry(id) }
        case .char("x"):
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
                                         cursor: jobs.isEmpty ? nil : max(0, min(cursor, jobs.count - 1)))
    }
}
