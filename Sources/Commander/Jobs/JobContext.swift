import Foundation

/// What a running job reports through and asks with. Progress calls come from transfer
/// callbacks on any thread; the queue samples the counters (at most 20 times a second).
public final class JobContext: Sendable {
    struct Counters {
        var bytesTotal: Int64 = 0
        var filesTotal = 0
        var filesDone = 0
        /// Files already in the totals and files finished, by key: the queue repeats a job in
        /// the same context after a transient error, and a repeat walks past them again.
        var counted: Set<String> = []
        var finished: Set<String> = []
        var finishedBytes: Int64 = 0
        /// Bytes of files in flight, each kept at its maximum so progress never goes back.
        var inFlight: [String: Int64] = [:]
        var currentFile: String?
        var version = 0
        var temps: Set<String> = []
        var partials: Set<String> = []
        var parts: [JobPart] = []
        var skipped: [SkippedFile] = []
        var notes: [String] = []
        var bytesDone: Int64 { finishedBytes.saturatingAdd(inFlight.values.saturatingSum { $0 }) }
    }

    let counters = Locked(Counters())
    let conflicts: ConflictMemory
    /// Parallel file transfers inside one job.
    public let parallelTransfers: Int
    /// The stored job's files across runs, for a transfer the queue's store keeps.
    let journal: JobJournal?

    init(conflicts: ConflictMemory, parallelTransfers: Int, journal: JobJournal? = nil) {
        self.conflicts = conflicts
        self.parallelTransfers = parallelTransfers
        self.journal = journal
    }

    func addTotals(bytes: Int64, files: Int) {
        counters.withLock { c in
            c.bytesTotal = c.bytesTotal.saturatingAdd(bytes); c.filesTotal = c.filesTotal.saturatingAdd(files); c.version += 1
        }
    }

    /// File `key` in the totals, once however many attempts plan it.
    func addTotal(_ key: String, bytes: Int64) {
        counters.withLock { c in
            guard c.counted.insert(key).inserted else { return }
            c.bytesTotal = c.bytesTotal.saturatingAdd(bytes); c.filesTotal = c.filesTotal.saturatingAdd(1); c.version += 1
        }
    }

    /// `done` bytes of file `key` so far (from local counts or the server's progress).
    func progress(_ key: String, _ done: Int64) {
        counters.withLock { c in
            if done > c.inFlight[key, default: 0] { c.inFlight[key] = done; c.version += 1 }
        }
    }

    /// The job's pieces as they stand now (shown per line in the jobs panel).
    func parts(_ parts: [JobPart]) {
        counters.withLock { c in if c.parts != parts { c.parts = parts; c.version += 1 } }
    }

    /// An item left out (once, however often a retry walks past it again).
    func skipped(_ item: SkippedFile) {
        counters.withLock { c in
            guard !c.skipped.contains(where: { $0.path == item.path }) else { return }
            c.skipped.append(item)
            c.version += 1
        }
    }

    /// Something the user should know that changed how the job went (once per text).
    func note(_ text: String) {
        counters.withLock { c in
            guard !c.notes.contains(text) else { return }
            c.notes.append(text)
            c.version += 1
        }
    }

    func started(_ name: String) { counters.withLock { $0.currentFile = name; $0.version += 1 } }

    /// A file is finished (transferred, skipped or found done by an earlier attempt); counted once.
    func fileDone(_ key: String, bytes: Int64) {
        counters.withLock { c in
            c.inFlight[key] = nil
            guard c.finished.insert(key).inserted else { return }
            c.finishedBytes = c.finishedBytes.saturatingAdd(bytes)
            c.filesDone += 1
            c.version += 1
        }
    }

    /// A batch of files sent in one request, whose bytes were reported under `key`; `keys`
    /// are its files, so a repeat that walks past them does not count them again.
    func batchDone(_ key: String, files: Int, bytes: Int64, keys: [String] = []) {
        counters.withLock { c in
            c.inFlight[key] = nil
            c.finished.formUnion(keys)
            c.finishedBytes = c.finishedBytes.saturatingAdd(bytes)
            c.filesDone = c.filesDone.saturatingAdd(files)
            c.version += 1
        }
    }

    func resolve(_ conflict: Conflict) async -> ConflictChoice { await conflicts.choice(for: conflict) }

    /// A temporary file the job owns: removed if the job is cancelled or fails.
    func ownTemp(_ path: String) { counters.withLock { _ = $0.temps.insert(path) } }
    /// A partial download a later try continues: kept when the job fails on a lost connection.
    func ownPartial(_ path: String) { counters.withLock { _ = $0.partials.insert(path) } }
    func releaseTemp(_ path: String) { counters.withLock { c in _ = c.temps.remove(path); _ = c.partials.remove(path) } }

    func removeTemps(keepingPartials: Bool = false) {
        let temps = counters.withLock { c -> Set<String> in
            defer { c.temps = []; if !keepingPartials { c.partials = [] } }
            return keepingPartials ? c.temps : c.temps.union(c.partials)
        }
        for t in temps { try? FileManager.default.removeItem(atPath: t) }
    }

    /// Progress callback for one file in flight.
    func reporter(_ key: String) -> @Sendable (Int64) -> Void { { [self] done in progress(key, done) } }
}
