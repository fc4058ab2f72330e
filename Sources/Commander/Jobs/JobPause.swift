import Foundation
import PCloudAPI

/// Closed while a job is paused. Its transfers wait at their next buffer, so no bytes flow, yet
/// nothing is torn down: the connection, a download's `.pcmd-part`, an upload's session stay.
final class PauseSwitch: Sendable {
    private let closed = Locked(false)
    var isClosed: Bool { closed.current }
    func close() { closed.withLock { $0 = true } }
    func open() { closed.withLock { $0 = false } }

    /// Returns once open; throws when the job is cancelled meanwhile.
    func waitWhileClosed() async throws {
        // Polled: a paused job costs ten wake-ups a second, and cancelling needs no bookkeeping.
        while isClosed { try await Task.sleep(for: .milliseconds(100)) }
    }
}

/// What a job's transfers ask before each buffer: wait while paused, then for the bandwidth.
struct JobPacer: TransferPacer {
    let hold: PauseSwitch
    let limiter: BandwidthLimiter

    func pace(_ bytes: Int) async throws {
        try await hold.waitWhileClosed()
        try await limiter.pace(bytes)
        // Paused while waiting for its turn: the buffer waits too.
        try await hold.waitWhileClosed()
    }
}

extension JobQueue {
    /// Pauses a running or queued job: its transfers stop at their next buffer (a queued one is
    /// not started) and its row says paused, which a restart keeps. False when it is neither.
    @discardableResult
    public func pause(_ id: JobID) -> Bool {
        guard var r = records[id], r.snapshot.state == .running || r.snapshot.state == .queued else { return false }
        r.hold.close()
        // Paused again while it waited for a slot: it was paused since then.
        if r.pausedAt == nil { r.pausedAt = .now }
        r.snapshot.state = .paused
        records[id] = r
        publish(id)
        // Its slot goes to the next queued job meanwhile.
        pump()
        return true
    }

    /// A started job that was paused, then resumed, takes the free slot `pump` found: its
    /// transfers go on where they stopped.
    func wake(_ id: JobID) {
        guard var r = records[id] else { return }
        // The rate counts running time only.
        if let at = r.pausedAt, let started = r.started { r.started = started + (.now - at) }
        r.pausedAt = nil
        r.snapshot.state = .running
        r.hold.open()
        records[id] = r
        publish(id)
    }

    /// Lets a paused job go on where it stopped (once a slot is free), or runs an earlier
    /// process's job shown here (`adoptStored`). False when the job is neither, or another pcmd took it meanwhile.
    @discardableResult
    public func resume(_ id: JobID) -> Bool {
        guard var r = records[id] else { return false }
        switch r.snapshot.state {
        case .paused:
            // Queued again, held: its slot was given to another job while it was paused, so it
            // goes on only when `pump` finds a free one (`wake`), as a new job would.
            r.snapshot.state = .queued
        case .interrupted:
            if let store, let row = r.stored?.id, (try? store.job(row))?.isInterrupted != true {
                // Resumed, finished or dropped by another pcmd since it was shown: its row is not ours.
                r.stored = nil
                records[id] = r
                finish(id, state: .failed, error: CommanderError(.exists, "another pcmd took this job meanwhile (resumed, paused or dropped it)"), result: nil)
                return false
            }
            r.snapshot.state = .queued
        default:
            return false
        }
        records[id] = r
        publish(id)
        pump()
        return true
    }

    /// Shows the store's jobs that earlier processes left unfinished (interrupted or paused),
    /// planned on `drives` and held until `resume` or `drop`. Left alone: jobs already shown, jobs
    /// a live pcmd runs, and jobs of another profile (an id there names another file).
    @discardableResult
    public func adoptStored(on drives: StoredAction.Drives) throws -> [JobID] {
        guard let store else { return [] }
        let shown = Set(records.values.compactMap { $0.stored?.id })
        var out: [JobID] = []
        for row in try store.unfinished() where !shown.contains(row.id ?? -1) && !row.isRunningElsewhere
            && row.action.cloudProfiles.allSatisfy({ $0 == profile }) {
            // A row that no longer plans (a drive of neither side) stays for `pcmd jobs`.
            guard let job = try? Planner(config: config).plan(row.action.action(on: drives)).first else { continue }
            let id = enqueue(job, conflicts: ConflictMemory(FixedResolver(.skip)), resuming: row,
                             state: row.state == .paused ? .paused : .interrupted)
            records[id]?.snapshot.bytesDone = row.bytesDone
            records[id]?.snapshot.bytesTotal = row.bytesTotal
            records[id]?.snapshot.filesDone = row.filesDone
            records[id]?.snapshot.filesTotal = row.filesTotal
            publish(id)
            out.append(id)
        }
        return out
    }

    /// Forgets a job that has not run here (an earlier process's, or paused before it started):
    /// gone from this queue and from the store; what it left on disk stays. False for others.
    @discardableResult
    public func drop(_ id: JobID) throws -> Bool {
        guard let r = records[id], r.task == nil, r.snapshot.state == .interrupted || r.snapshot.state == .paused else { return false }
        if let store, let row = r.stored?.id { try store.drop([row]) }
        records[id] = nil
        order.removeAll { $0 == id }
        return true
    }

    /// Follows the store for pause and resume another process asks of this one's jobs
    /// (`pcmd jobs pause 3` while a `pcmd get` runs it): twice a second, one query, and only
    /// while a job with a row is unfinished.
    func watchStore() {
        guard store != nil, storeWatch == nil else { return }
        storeWatch = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(500))
                guard let self else { return }
                await self.takeRequests()
            }
        }
    }

    private func takeRequests() {
        guard let store, records.values.contains(where: { $0.stored != nil && !$0.snapshot.state.isFinished }),
              let asked = try? store.takeRequests(pid: getpid()) else { return }
        for (row, wanted) in asked {
            guard let id = records.first(where: { $0.value.stored?.id == row })?.key else { continue }
            if wanted == .paused { pause(id) } else { resume(id) }
        }
    }
}
