import Commander

extension App {
    /// The start notice for transfers earlier runs left unfinished or paused, or nil for none:
    /// those the jobs panel will list (this profile's; another's are for `pcmd jobs --profile`).
    func storedJobsNotice() -> String? {
        let profile = queue.profile
        guard let rows = try? queue.store?.unfinished().filter({ !$0.isRunningElsewhere && $0.action.cloudProfiles.allSatisfy { $0 == profile } }),
              !rows.isEmpty else { return nil }
        let paused = rows.filter { $0.state == .paused }.count, interrupted = rows.count - paused
        let counts = [(interrupted, "interrupted"), (paused, "paused")].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        return "\(counts.joined(separator: " and ")) transfer\(rows.count == 1 ? "" : "s") from an earlier run: "
            + "\(keyName(.jobs)) jobs panel, \(keyName(.resumeJob, in: .jobs)) resumes, \(keyName(.dropJob, in: .jobs)) drops"
    }

    /// Puts the store's interrupted and paused jobs of earlier runs into the queue (held), so the
    /// jobs panel lists them beside this run's to resume on the panes' drives or drop.
    func showStoredJobs() {
        guard queue.store != nil, let local = panesScreen.panes.first(where: { $0.side == .local })?.drive else { return }
        let queue = queue, inbox = inbox, drives = StoredAction.Drives(local: local, cloud: cloud)
        Task.detached {
            guard let ids = try? await queue.adoptStored(on: drives), !ids.isEmpty else { return }
            var shown: [JobSnapshot] = []
            for id in ids { if let s = await queue.snapshot(id) { shown.append(s) } }
            // Said here too: the app may have subscribed to the queue's updates after they went out.
            inbox.post { app in for s in shown where app.jobs[s.id] == nil { app.jobUpdated(s) } }
        }
    }
}
