import Commander

/// The jobs panel takes the keys while open (its context's): pick a job, cancel, retry, pause,
/// resume (also an earlier run's), drop, change the bandwidth limit, clear finished.
final class JobsScreen: Overlay {
    var cursor = Int.max
    /// The first row the panel drew, so it scrolls only when the cursor leaves its rows.
    var first: Int?

    var context: KeyContext { .jobs }

    func perform(_ command: Command, _ app: App) -> Bool {
        let jobs = app.jobsInOrder
        cursor = max(0, min(cursor, jobs.count - 1))
        let job = jobs.indices.contains(cursor) ? jobs[cursor] : nil
        let queue = app.queue
        switch command {
        case .close: return false
        case .up: cursor = max(0, cursor - 1)
        case .down: cursor = min(jobs.count - 1, cursor + 1)
        case .cancelJob:
            guard let id = job?.id else { break }
            // Detached: a task on the main actor would wait for the key loop, which never yields.
            Task.detached { await queue.cancel(id) }
        case .retry:
            guard let job else { break }
            // The queue retries only these; following another would wait for ever.
            if job.state == .failed || job.state == .cancelled { app.follow(job) }
            Task.detached { await queue.retry(job.id) }
        case .pauseJob:
            guard let job else { break }
            guard job.state.isActive else { return said(app, job, "only a running or queued job pauses") }
            Task.detached { await queue.pause(job.id) }
        case .resumeJob:
            guard let job else { break }
            guard job.state == .paused || job.state == .interrupted else {
                return said(app, job, "only a paused or interrupted job resumes (\(app.keyName(.retry, in: .jobs)) retries a failed one)")
            }
            app.follow(job)
            app.background("resume \(job.title)", { await queue.resume(job.id) }) { app, resumed in
                // Its state moved on meanwhile (resumed by a key press before, or by another pcmd: then it failed saying so).
                guard !resumed else { return }
                app.unfollow(job.id)
                app.say("\(job.id) was not resumed: it is no longer paused or interrupted")
            }
        case .dropJob:
            guard let job else { break }
            guard job.state == .paused || job.state == .interrupted else {
                return said(app, job, "only an interrupted or paused job drops (\(app.keyName(.cancelJob, in: .jobs)) cancels a running one)")
            }
            app.background("drop \(job.title)", { try await queue.drop(job.id) }) { app, dropped in
                guard dropped else { return app.say("\(job.id) has started: \(app.keyName(.cancelJob, in: .jobs)) cancels it") }
                app.jobs[job.id] = nil
                app.say("dropped \(job.id) \(TextWidth.printable(job.title)); what it left on disk stays")
            }
        case .bwlimit:
            app.push(BandwidthDialog.make(app))
        case .clearFinished:
            for j in jobs where j.state.isFinished { app.jobs[j.id] = nil }
        default: break
        }
        return true
    }

    /// Says why `job` does not take the command; the panel stays open.
    private func said(_ app: App, _ job: JobSnapshot, _ why: String) -> Bool {
        app.say("\(job.id) is \(job.state.rawValue): \(why)")
        return true
    }

    func draw(_ c: inout Canvas, _ app: App) {
        // The panel itself is part of the layout; this draws it again with the cursor.
        let jobs = app.jobsInOrder
        let height = JobsView.panelHeight(jobs, screenHeight: c.height)
        let y = c.height - 2 - height
        first = JobsView(theme: app.theme).panel(jobs, into: &c, Rect(x: 0, y: y, width: c.width, height: height), spinner: app.spinner,
                                                 cursor: jobs.isEmpty ? nil : max(0, min(cursor, jobs.count - 1)),
                                                 first: first, limit: app.queue.limiter.rate)
        // Its keys replace the F-key bar (which does not apply here), as a list screen's do.
        c.fill(Rect(x: 0, y: c.height - 1, width: c.width, height: 1), app.theme[.status])
        c.put(" " + KeyBar.line(app.keymap, context, width: c.width - 1), x: 0, y: c.height - 1, app.theme[.status])
    }
}
