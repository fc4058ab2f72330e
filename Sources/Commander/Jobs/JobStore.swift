import Foundation
import GRDB
import HomeFolders

/// The persistent queue: transfers are written as they are queued, as they progress (the
/// queue throttles that to about once a second per job) and when they end, to
/// `$XDG_STATE_HOME/pcmd/jobs.sqlite`. A finished job stays as a history line: the newest
/// `historyLimit` of them, none older than `historyDays`, whichever keeps fewer.
public final class JobStore: Sendable {
    public static let historyLimit = 200
    public static let historyDays = 30

    let db: DatabaseQueue

    /// The store at `url`, created with its folder when missing.
    public init(at url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var config = Configuration()
        // Two processes (the TUI and a `pcmd get`) may write at once: wait for the lock.
        config.busyMode = .timeout(5)
        db = try DatabaseQueue(path: url.path, configuration: config)
        try Self.migrator.migrate(db)
    }

    /// The user's store, under the XDG state folder.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> JobStore {
        try JobStore(at: HomeFolders(environment: environment).state.appendingPathComponent("pcmd/jobs.sqlite"))
    }

    private static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.create(table: StoredJob.databaseTableName) { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("title", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("action", .text).notNull()
                t.column("state", .text).notNull()
                t.column("bytesDone", .integer).notNull()
                t.column("bytesTotal", .integer).notNull()
                t.column("filesDone", .integer).notNull()
                t.column("filesTotal", .integer).notNull()
                t.column("error", .text)
                t.column("errorCode", .integer)
                t.column("queuedAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
                t.column("finishedAt", .datetime).indexed()
                t.column("pid", .integer)
            }
        }
        registerResume(&m)
        // Pause and resume asked of a job another process runs: that process takes the request.
        m.registerMigration("v2-pause") { db in
            try db.alter(table: StoredJob.databaseTableName) { t in t.add(column: "requested", .text) }
        }
        return m
    }

    /// Writes a new job and returns it with its id.
    func insert(_ job: StoredJob) throws -> StoredJob {
        var job = job
        try db.write { try job.insert($0) }
        return job
    }

    /// Writes the job's row; a finished job then trims the history.
    func save(_ job: StoredJob) throws {
        try db.write { db in
            try job.update(db)
            guard !job.isUnfinished else { return }
            if let id = job.id { try Self.forgetFiles(db, of: id) }
            try Self.trimHistory(db, now: Date())
        }
    }

    /// Jobs no process finished, oldest first.
    public func unfinished() throws -> [StoredJob] {
        try db.read { db in
            try StoredJob.filter(Column("finishedAt") == nil).order(Column("id")).fetchAll(db)
        }
    }

    /// Unfinished jobs whose process is gone, oldest first.
    public func interrupted() throws -> [StoredJob] { try unfinished().filter(\.isInterrupted) }

    /// Finished jobs, newest first.
    public func history() throws -> [StoredJob] {
        try db.read { db in
            try StoredJob.filter(Column("finishedAt") != nil).order(Column("finishedAt").desc, Column("id").desc).fetchAll(db)
        }
    }

    public func job(_ id: Int64) throws -> StoredJob? { try db.read { try StoredJob.fetchOne($0, key: id) } }

    /// Forgets unfinished jobs (finished ones stay as history); returns the ids it removed.
    @discardableResult
    public func drop(_ ids: [Int64]) throws -> [Int64] {
        try db.write { db in
            try ids.filter { id in
                try StoredJob.filter(Column("id") == id && Column("finishedAt") == nil).deleteAll(db) > 0
            }
        }
    }

    // MARK: Pause and resume across processes

    /// Asks the process running job `id` to pause it (`.paused`) or go on (`.running`); it takes
    /// the request within a second (`JobQueue.watchStore`). The column is not one of
    /// `StoredJob`'s, so the owner's progress writes never wipe a request out.
    public func request(_ state: JobState, for id: Int64) throws {
        try db.write { db in
            try db.execute(sql: "UPDATE job SET requested = ? WHERE id = ? AND finishedAt IS NULL", arguments: [state.rawValue, id])
        }
    }

    /// The requests for jobs process `pid` runs, cleared as they are read.
    func takeRequests(pid: Int32) throws -> [(id: Int64, state: JobState)] {
        try db.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, requested FROM job WHERE pid = ? AND requested IS NOT NULL", arguments: [pid])
            try db.execute(sql: "UPDATE job SET requested = NULL WHERE pid = ? AND requested IS NOT NULL", arguments: [pid])
            return rows.compactMap { row in
                JobState(rawValue: row["requested"] ?? "").map { (id: row["id"], state: $0) }
            }
        }
    }

    /// Marks an unfinished job no process runs as paused: it then waits for `pcmd jobs resume ID`
    /// and is not among those resumed without IDs, nor offered as interrupted.
    public func markPaused(_ id: Int64) throws {
        try db.write { db in
            try db.execute(sql: "UPDATE job SET state = ?, requested = NULL WHERE id = ? AND finishedAt IS NULL",
                           arguments: [JobState.paused.rawValue, id])
        }
    }

    private static func trimHistory(_ db: Database, now: Date) throws {
        let finished = StoredJob.filter(Column("finishedAt") != nil)
        let cutoff = now.addingTimeInterval(-Double(historyDays) * 86_400)
        try finished.filter(Column("finishedAt") < cutoff).deleteAll(db)
        let keep = try Int64.fetchAll(db, finished.select(Column("id")).order(Column("finishedAt").desc, Column("id").desc)
            .limit(historyLimit))
        try finished.filter(!keep.contains(Column("id"))).deleteAll(db)
    }
}
