import Commander
import Foundation

extension App {
    /// Plans `action` into jobs; conflicts are asked in a dialog; `then` runs when the last of
    /// its jobs is done (a publink shows its URL, a folder refreshes).
    func submit(_ action: Action, _ what: String, resolver fixed: (any ConflictResolver)? = nil,
                then: (@MainActor (App, [JobSnapshot]) -> Void)? = nil) {
        let queue = queue, inbox = inbox
        let resolver = fixed ?? AskingResolver { conflict in
            await withCheckedContinuation { cont in
                inbox.post { app in app.push(ConflictDialog(conflict) { cont.resume(returning: $0) }) }
            }
        }
        let box = UncheckedBox(then)
        Task.detached {
            do {
                let ids = try await queue.submit(action, resolver: resolver)
                inbox.post { app in app.watch(ids, what, box.value) }
            } catch {
                let e = CommanderError.from(error)
                inbox.post { $0.fail(what, e) }
            }
        }
    }

    func watch(_ ids: [JobID], _ what: String, _ then: (@MainActor (App, [JobSnapshot]) -> Void)?) {
        let w = Watch(ids: ids, what: what, then: then)
        watches.append(w)
        settle(w)
    }

    /// Follows a job the jobs panel resumed or retried, unless a watch holds it already (one of
    /// this run paused): when it ends, the panes are listed again and the status line says how,
    /// as for a job started from the panes. Added before the job moves, so it settles only on the
    /// change to finished that is coming, not on the state it ended in before.
    func follow(_ job: JobSnapshot) {
        guard !watches.contains(where: { $0.ids.contains(job.id) }) else { return }
        watches.append(Watch(ids: [job.id], what: job.title, then: nil))
    }

    /// Stops following a job the queue did not resume after all.
    func unfollow(_ id: JobID) { watches.removeAll { $0.ids == [id] && $0.then == nil } }

    func jobUpdated(_ s: JobSnapshot) {
        var s = s
        // The jobs panel shows a failure's hint later, from wherever: the key it names is the panes'.
        if s.state == .failed, s.error?.hint == nil, let e = s.error { s.error?.hint = ErrorHint(keymap, panesScreen.context).hint(e) }
        let was = jobs[s.id]?.state
        jobs[s.id] = s
        guard s.state.isFinished, was != s.state else { return }
        for w in watches where w.ids.contains(s.id) { settle(w) }
    }

    /// When all of a watch's jobs are finished: refresh both panes, report, run `then`.
    private func settle(_ w: Watch) {
        let snaps = w.ids.compactMap { jobs[$0] }
        guard snaps.count == w.ids.count, snaps.allSatisfy({ $0.state.isFinished }) else { return }
        watches.removeAll { $0 === w }
        panesScreen.reloadAll(self)
        panesScreen.refreshQuota(self, quiet: true)
        if let failed = snaps.first(where: { $0.state == .failed }) {
            fail(failed.title, failed.error ?? CommanderError(.cloud, "failed"))
        } else if snaps.contains(where: { $0.state == .cancelled }) {
            say("\(w.what): cancelled")
        } else if let skipping = snaps.first(where: { !$0.skipped.isEmpty }) {
            say("\(w.what): " + JobsView.skippedText(skipping))
            w.then?(self, snaps)
        } else {
            say("\(w.what): done")
            w.then?(self, snaps)
        }
    }
}

/// Jobs of one user action, followed until all are finished.
final class Watch {
    let ids: [JobID]
    let what: String
    let then: (@MainActor (App, [JobSnapshot]) -> Void)?
    init(ids: [JobID], what: String, then: (@MainActor (App, [JobSnapshot]) -> Void)?) {
        self.ids = ids; self.what = what; self.then = then
    }
}

/// Carries a main-actor closure through a background task that only hands it back to the main
/// actor (Swift cannot see that round trip).
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
