import Foundation
import PCloudAPI

/// Runs jobs in the background with bounded concurrency, keeps the session's history, and
/// publishes snapshots: state changes at once, progress sampled at most `snapshotsPerSecond`
/// times a second per job so a UI never floods.
public actor JobQueue {
    public struct Config: Sendable {
        /// Jobs running at once.
        public var concurrentJobs: Int
        /// File transfers at once inside one job (see Benchmarks/ for the measurements).
        public var parallelTransfers: Int
        /// Automatic repeats of a job that failed with a transient error.
        public var transientRetries: Int
        public var snapshotsPerSecond: Int
        /// Small files sent together in one upload request (1 turns batching off).
        public var uploadBatchFiles = 32
        /// Test hooks (internal).
        var hooks = TransferHooks()
        public init(concurrentJobs: Int = 2, parallelTransfers: Int = 4, transientRetries: Int = 2,
                    snapshotsPerSecond: Int = 20) {
            self.concurrentJobs = concurrentJobs; self.parallelTransfers = parallelTransfers
            self.transientRetries = transientRetries; self.snapshotsPerSecond = snapshotsPerSecond
        }
    }

    struct Record {
        var job: Job
        var snapshot: JobSnapshot
        var conflicts: ConflictMemory
        var context: JobContext?
        var task: Task<Void, Never>?
        var ticker: Task<Void, Never>?
        var started: ContinuousClock.Instant?
        var publishedVersion = -1
        var cancelRequested = false
        /// Its row in the persistent queue, for a transfer when the queue has a store.
        var stored: StoredJob?
        var savedAt: ContinuousClock.Instant?
        /// Closed while the job is paused; its transfers wait on it.
        let hold = PauseSwitch()
        var pausedAt: ContinuousClock.Instant?
    }

    public let config: Config
    var records: [JobID: Record] = [:]
    var order: [JobID] = []
    private var nextID = 1
    private var subscribers: [Int: AsyncStream<JobSnapshot>.Continuation] = [:]
    private var nextSubscriber = 0
    private var waiters: [JobID: [CheckedContinuation<JobSnapshot, Never>]] = [:]

    /// Where transfers are written so they outlive the process; nil keeps them in memory.
    public nonisolated let store: JobStore?
    /// The profile the cloud drive of this queue's actions signs in with, as stored.
    public nonisolated let profile: String?
    /// The bandwidth limit every transfer of this queue shares (`--bwlimit`, the jobs panel).
    public nonisolated let limiter: BandwidthLimiter
    /// Follows the store for pause and resume asked by another process (JobPause.swift).
    var storeWatch: Task<Void, Never>?

    public init(config: Config = Config(), store: JobStore? = nil, profile: String? = nil,
                limiter: BandwidthLimiter = BandwidthLimiter()) {
        self.config = config; self.store = store; self.profile = profile; self.limiter = limiter
    }

    // MARK: Submitting

    /// Plans `action` and queues its jobs; conflicts are asked through `resolver`.
    @discardableResult
    public func submit(_ action: Action, resolver: any ConflictResolver = FixedResolver()) throws -> [JobID] {
        let jobs = try Planner(config: config).plan(action)
        let memory = ConflictMemory(resolver)
        let stored = store == nil ? [] : StoredAction.perJob(action, profile: profile)
        return jobs.enumerated().map { i, job in
            enqueue(job, conflicts: memory, stored: i < stored.count ? stored[i] : nil)
        }
    }

    /// Runs an interrupted job of the store again, under its own row: planned from its
    /// stored action on `drives`, it finds what the earlier process finished as a retry does
    /// (a download continues its `.pcmd-part`; arrived files meet the resolver as conflicts).
    public func resume(_ job: StoredJob, on drives: StoredAction.Drives,
                       resolver: any ConflictResolver = FixedResolver(.skip)) throws -> [JobID] {
        let jobs = try Planner(config: config).plan(job.action.action(on: drives))
        let memory = ConflictMemory(resolver)
        return jobs.map { enqueue($0, conflicts: memory, resuming: job) }
    }

    /// Plans, runs and waits: the one-shot commands' path. Throws the first job's error.
    @discardableResult
    public func perform(_ action: Action, resolver: any ConflictResolver = FixedResolver()) async throws -> [JobSnapshot] {
        let out = try await performAll(action, resolver: resolver)
        try out.requireDone()
        return out
    }

    /// Plans, runs and waits for every job however it ends: a failed job's notes and skipped
    /// files are what explain its failure, so a caller that reports them needs its snapshot.
    public func performAll(_ action: Action, resolver: any ConflictResolver = FixedResolver()) async throws -> [JobSnapshot] {
        var out: [JobSnapshot] = []
        for id in try submit(action, resolver: resolver) { out.append(await wait(id)) }
        return out
    }

    func enqueue(_ job: Job, conflicts: ConflictMemory, stored action: StoredAction? = nil, resuming: StoredJob? = nil,
                 state: JobState = .queued) -> JobID {
        let id = JobID(raw: nextID)
        nextID += 1
        let snapshot = JobSnapshot(id: id, title: job.title, kind: job.kind, state: state)
        var record = Record(job: job, snapshot: snapshot, conflicts: conflicts)
        if let resuming {
            record.stored = resuming
        } else if let store, let action {
            // A store that cannot be written must not stop the transfer: it runs unrecorded.
            record.stored = try? store.insert(StoredJob(snapshot, action: action, now: Date()))
        }
        records[id] = record
        order.append(id)
        publish(id)
        pump()
        watchStore()
        return id
    }

    // MARK: Control

    /// Stops the job: transfers are cancelled, its temporary files removed; an upload in
    /// flight leaves nothing on the server (`nopartial`).
    public func cancel(_ id: JobID) {
        guard var r = records[id], !r.snapshot.state.isFinished else { return }
        r.cancelRequested = true
        records[id] = r
        // A job that never started (queued, held paused, or an earlier run's) has no task to stop.
        if let task = r.task { task.cancel() } else { finish(id, state: .cancelled, error: nil, result: nil) }
    }

    /// Runs a failed or cancelled job again; what an earlier attempt finished is not redone.
    public func retry(_ id: JobID) {
        guard var r = records[id], r.snapshot.state == .failed || r.snapshot.state == .cancelled else { return }
        r.snapshot = JobSnapshot(id: id, title: r.job.title, kind: r.job.kind, state: .queued,
                                 attempt: r.snapshot.attempt + 1)
        r.cancelRequested = false
        // Paused, then cancelled: it runs again unpaused.
        r.hold.open()
        r.pausedAt = nil
        r.publishedVersion = -1
        records[id] = r
        publish(id)
        pump()
    }

    public func snapshot(_ id: JobID) -> JobSnapshot? { records[id].map { current($0) } }

    /// Every job of this session, oldest first.
    public func history() -> [JobSnapshot] { order.compactMap { records[$0].map(current) } }

    /// Waits until the job is finished (done, failed or cancelled).
    public func wait(_ id: JobID) async -> JobSnapshot {
        if let r = records[id], r.snapshot.state.isFinished { return r.snapshot }
        return await withCheckedContinuation { waiters[id, default: []].append($0) }
    }

    /// Snapshots of every job from now on.
    public func updates() -> AsyncStream<JobSnapshot> {
        let (stream, continuation) = AsyncStream.makeStream(of: JobSnapshot.self, bufferingPolicy: .bufferingNewest(4096))
        let key = nextSubscriber
        nextSubscriber += 1
        subscribers[key] = continuation
        continuation.onTermination = { _ in Task { await self.unsubscribe(key) } }
        return stream
    }

    private func unsubscribe(_ key: Int) { subscribers[key] = nil }

    // MARK: Running

    func pump() {
        let running = records.values.filter { $0.snapshot.state == .running }.count
        var free = config.concurrentJobs - running
        for id in order where free > 0 {
            guard let r = records[id], r.snapshot.state == .queued else { continue }
            free -= 1
            // A task already: a paused job resumed, waiting at its hold.
            if r.task == nil { start(id) } else { wake(id) }
        }
    }

    private func start(_ id: JobID) {
        guard var r = records[id] else { return }
        let context = JobContext(conflicts: r.conflicts, parallelTransfers: config.parallelTransfers,
                                 journal: r.stored?.id.flatMap { store?.journal($0) })
        r.context = context
        r.snapshot.state = .running
        r.started = .now
        // Paused and resumed before it started: it runs from now, unheld.
        r.pausedAt = nil
        r.hold.open()
        let job = r.job
        let retries = config.transientRetries
        let pacer = JobPacer(hold: r.hold, limiter: limiter)
        r.task = Task { [weak self] in
            var attempt = 0
            while true {
                do {
                    let result = try await TransferPacing.$current.withValue(pacer) { try await job.work(context) }
                    try Task.checkCancellation()
                    await self?.finish(id, state: .done, error: nil, result: result)
                    return
                } catch {
                    let e = CommanderError.from(error)
                    let cancelled = Task.isCancelled || e.kind == .cancelled
                    context.removeTemps(keepingPartials: !cancelled && e.isTransient)
                    context.journal?.flush()
                    if !cancelled, e.isTransient, attempt < retries {
                        attempt += 1
                        try? await Task.sleep(for: .milliseconds(200 * attempt))
                        continue
                    }
                    await self?.finish(id, state: cancelled ? .cancelled : .failed, error: cancelled ? nil : e, result: nil)
                    return
                }
            }
        }
        let interval = Duration.milliseconds(1000 / max(1, config.snapshotsPerSecond))
        r.ticker = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                await self?.tick(id)
            }
        }
        records[id] = r
        publish(id)
    }

    private func tick(_ id: JobID) {
        guard let r = records[id], r.snapshot.state == .running, let c = r.context else { return }
        if c.counters.withLock({ $0.version }) != r.publishedVersion { publish(id) }
    }

    func finish(_ id: JobID, state: JobState, error: CommanderError?, result: JobResult?) {
        guard var r = records[id], !r.snapshot.state.isFinished else { return }
        r.snapshot = current(r)
        r.snapshot.state = r.cancelRequested && state != .done ? .cancelled : state
        r.snapshot.error = error
        r.snapshot.result = result
        if state == .done {
            r.snapshot.bytesDone = max(r.snapshot.bytesDone, r.snapshot.bytesTotal)
            r.snapshot.filesDone = max(r.snapshot.filesDone, r.snapshot.filesTotal)
            r.snapshot.eta = 0
        }
        r.snapshot.currentFile = nil
        r.ticker?.cancel()
        r.ticker = nil
        r.task = nil
        r.context = nil
        records[id] = r
        publish(id)
        for w in waiters.removeValue(forKey: id) ?? [] { w.resume(returning: r.snapshot) }
        pump()
    }

    /// The record's snapshot with the live counters folded in.
    private func current(_ r: Record) -> JobSnapshot {
        var s = r.snapshot
        // A started job keeps its context while paused or queued again after a resume.
        guard !s.state.isFinished, let c = r.context?.counters.current else { return s }
        s.bytesDone = c.bytesDone
        s.bytesTotal = c.bytesTotal
        s.filesDone = c.filesDone
        s.filesTotal = c.filesTotal
        s.currentFile = c.currentFile
        s.parts = c.parts
        s.skipped = c.skipped
        s.notes = c.notes
        if let started = r.started {
            let seconds = Double(((r.pausedAt ?? .now) - started) / .milliseconds(1)) / 1000
            if seconds > 0 { s.rate = Double(s.bytesDone) / seconds }
            if s.rate > 0, s.bytesTotal >= s.bytesDone { s.eta = (Double(s.bytesTotal) - Double(s.bytesDone)) / s.rate }
        }
        return s
    }

    func publish(_ id: JobID) {
        guard var r = records[id] else { return }
        let s = current(r)
        r.publishedVersion = r.context?.counters.withLock { $0.version } ?? r.publishedVersion
        save(&r, s)
        records[id] = r
        for c in subscribers.values { c.yield(s) }
    }

    /// Writes the job's row: each change of state at once, progress at most once a second
    /// (a 1 GiB transfer publishes thousands of snapshots; the disk needs a few).
    private func save(_ r: inout Record, _ s: JobSnapshot) {
        guard let store, var row = r.stored, s.state != .interrupted else { return }
        let now = ContinuousClock.now
        if row.state == s.state, let saved = r.savedAt, now - saved < .seconds(1) { return }
        row.update(from: s, now: Date())
        r.stored = row
        r.savedAt = now
        try? store.save(row)
    }
}
