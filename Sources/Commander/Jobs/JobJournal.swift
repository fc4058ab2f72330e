import Foundation
import GRDB

/// What a stored job knows of its files across runs, so a resumed job continues rather than
/// repeats: which files arrived (a resumed folder copy does not send them again), the size and
/// mtime each had when it began (a source changed since is not resumed silently), and the upload
/// session a big file went through (continued from what `upload_info` reports).
///
/// Arrived files are recorded rather than recognised at the target by size and mtime: the job
/// knows exactly what it sent and verified, a check costs no listing or hashing, and a file
/// that was at the target before the job is still settled by the job's own conflict rule.
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

    init(store: JobStore, jobID: Int64) throws {
        self.store = store
        self.jobID = jobID
        let rows = try store.db.read { try FileRecord.filter(Column("jobID") == jobID).fetchAll($0) }
        files = Locked(Dictionary(rows.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a }))
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

    /// The upload session an earlier run began for `key`.
    func uploadid(_ key: String) -> Int? { files.withLock { $0[key]?.uploadid } }

    /// `entry` starts to be sent: its size and mtime are kept from the first run on.
    func began(_ entry: Entry) {
        let record = FileRecord(jobID: jobID, key: entry.id, size: entry.size, mtime: entry.modified.timeIntervalSince1970)
        let isNew = files.withLock { f -> Bool in
            guard f[entry.id] == nil else { return false }
            f[entry.id] = record
            return true
        }
        if isNew { write(record) }
    }

    func session(_ key: String, uploadid: Int?) { update(key) { $0.uploadid = uploadid } }

    func arrived(_ key: String) { update(key) { $0.arrived = true } }

    private func update(_ key: String, _ change: (inout FileRecord) -> Void) {
        let record = files.withLock { f -> FileRecord? in
            guard var r = f[key] else { return nil }
            change(&r)
            f[key] = r
            return r
        }
        if let record { write(record) }
    }

    /// A journal that cannot be written must not stop the transfer: it only resumes less.
    private func write(_ record: FileRecord) { try? store.db.write { try record.save($0) } }
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
