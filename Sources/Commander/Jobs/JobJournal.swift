import Foundation
import GRDB

/// What a stored job knows of its files across runs, so a resumed job continues rather than
/// repeats: which files arrived (a resumed folder copy does not send them again), the size and
/// mtime each had when it began (a source changed since is not resumed silently), and the upload
/// session a big file went through (continued from what `upload_info` reports).
///
/// Arrived files are recorded rather than recognised at the target by size and mtime: the job
/// knows exactly what it sent and verified, a check costs no listing or hashing, and a file
/// that was at the target before the job is still settled by the job's own conflict rule
/// (on a resumed run, unless it is the same file: same size and SHA-1).
/// Small files' records are written in batches, at most once a second and when a run ends: a
/// `kill -9` can lose the last second's: a resumed run finds those files at the target by size
/// and SHA-1 (`FileSender.arrivedUnseen`), and counts them as the job's.
final class JobJournal: Sendable {
    /// One file of a stored job, keyed by the source's id (its path on disk, `f<fileid>` in the cloud).
    struct FileRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
        static let databaseTableName = "jobFile"
        var jobID: Int64
        var key: String
        var size: Int64
        /// Seconds since 1970, as the source's entry had it.
        var mtime: Double
        var uploadid: Int?
        var arrived = false
    }

    private let store: JobStore
    private let jobID: Int64
    private let files: Locked<[String: FileRecord]>
    /// An earlier run of the job wrote down files: a file of its that is at the target may be
    /// one that run delivered after its last write (a `kill -9` loses up to a second of them).
    let continuesEarlierRun: Bool
    /// Records not written yet, and when the last batch was: a tree of small files would
    /// otherwise cost one synced transaction per file.
    private let pending = Locked<(records: [String: FileRecord], written: ContinuousClock.Instant)>(([:], .now))

    init(store: JobStore, jobID: Int64) throws {
        self.store = store
        self.jobID = jobID
        let rows = try store.db.read { try FileRecord.filter(Column("jobID") == jobID).fetchAll($0) }
        files = Locked(Dictionary(rows.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a }))
        continuesEarlierRun = !rows.isEmpty
    }

    /// True when an earlier run of this job delivered `entry`.
    func hasArrived(_ entry: Entry) -> Bool { files.withLock { $0[entry.id]?.arrived ?? false } }

    /// How `entry` changed since this job began sending it, in plain words; nil when it did not
    /// (or never began, or arrived already).
    func change(of entry: Entry) -> String? {
        guard let r = files.withLock({ $0[entry.id] }), !r.arrived else { return nil }
        let mtime = entry.modified.timeIntervalSince1970
        guard r.size != entry.size || r.mtime != mtime else { return nil }
        let then = Date(timeIntervalSince1970: r.mtime)
        // Exact counts when rounding would show two different sizes as one.
        let exact = r.size != entry.size && Units.bytes(r.size) == Units.bytes(entry.size)
        func size(_ n: Int64) -> String { exact ? "\(n) bytes" : Units.bytes(n) }
        return "changed since the job began (then \(size(r.size)), modified \(then.formatted(.iso8601)); "
            + "now \(size(entry.size)), modified \(entry.modified.formatted(.iso8601))): not resumed"
    }

    /// The upload session an earlier run began for `entry`.
    func uploadid(_ entry: Entry) -> Int? { files.withLock { $0[entry.id]?.uploadid } }

    /// Files from this size have their start written at once: cut while they are sent, they are
    /// what a changed source matters for, and one synced write is little beside their bytes.
    static let writeAtOnceFrom: Int64 = 1 << 20

    /// `entry` starts to be sent: its size and mtime are kept from the first run on.
    func began(_ entry: Entry) { update(entry, now: entry.size >= Self.writeAtOnceFrom) { _ in } }

    /// A new session is written at once: it is what a resumed big upload continues.
    func session(_ entry: Entry, uploadid: Int?) { update(entry, now: true) { $0.uploadid = uploadid } }

    func arrived(_ entry: Entry) { update(entry) { $0.arrived = true } }

    /// Changes `entry`'s record (made as it is now if it has none) and queues it to be written.
    private func update(_ entry: Entry, now: Bool = false, _ change: (inout FileRecord) -> Void) {
        let record = files.withLock { f -> FileRecord in
            var r = f[entry.id] ?? FileRecord(jobID: jobID, key: entry.id, size: entry.size,
                                             mtime: entry.modified.timeIntervalSince1970)
            change(&r)
            f[entry.id] = r
            return r
        }
        pending.withLock { p in
            p.records[record.key] = record
            if now || ContinuousClock.now - p.written >= .seconds(1) { write(&p) }
        }
    }

    /// Writes what is queued (the queue calls it when a run of the job ends).
    func flush() { pending.withLock { write(&$0) } }

    /// Under the lock, so an older batch never lands after a newer one. A journal that cannot
    /// be written must not stop the transfer: it only resumes less.
    private func write(_ p: inout (records: [String: FileRecord], written: ContinuousClock.Instant)) {
        let records = p.records.values
        p = ([:], .now)
        guard !records.isEmpty else { return }
        try? store.db.write { db in for r in records { try r.save(db) } }
    }
}

extension JobStore {
    /// The `v2-resume` migration: a stored job's files (`JobJournal`), gone with their job.
    static func registerResume(_ m: inout DatabaseMigrator) {
        m.registerMigration("v2-resume") { db in
            try db.create(table: JobJournal.FileRecord.databaseTableName) { t in
                t.column("jobID", .integer).notNull().references(StoredJob.databaseTableName, onDelete: .cascade)
                t.column("key", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("mtime", .double).notNull()
                t.column("uploadid", .integer)
                t.column("arrived", .boolean).notNull().defaults(to: false)
                t.primaryKey(["jobID", "key"])
            }
        }
    }

    /// The journal of stored job `id`, to read and write its files.
    func journal(_ id: Int64) -> JobJournal? { try? JobJournal(store: self, jobID: id) }

    /// A finished job needs its files no more (its history line keeps the totals).
    static func forgetFiles(_ db: Database, of id: Int64) throws {
        try JobJournal.FileRecord.filter(Column("jobID") == id).deleteAll(db)
    }
}
