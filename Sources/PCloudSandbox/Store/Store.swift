import Foundation
import GRDB

/// The sandbox's persistent state: SQLite (through GRDB) plus the blob folder.
public final class Store: Sendable {
    let pool: DatabasePool
    let blobs: Blobs
    let dataDir: URL

    public init(dataDir: URL) throws {
        self.dataDir = dataDir
        try FileManager.default.createDirectory(at: dataDir, withIntermediateDirectories: true)
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: dataDir.appendingPathComponent("sandbox.sqlite").path, configuration: config)
        try Schema.migrator().migrate(pool)
        blobs = try Blobs(dataDir: dataDir)
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.read(body)
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.write(body)
    }

    /// Deletes the content among `keys` that no file, revision or content link refers to any
    /// more (blob files not yet recorded in the table included).
    func collectGarbage(keys: [String]) async throws {
        let orphans = try await write { db -> [String] in
            let unreferenced = "NOT IN (SELECT blob FROM files) AND ? NOT IN (SELECT blob FROM revisions) AND ? NOT IN (SELECT blob FROM contentlinks)"
            var orphans: [String] = []
            for key in keys where try Bool.fetchOne(db, sql: "SELECT ? \(unreferenced)", arguments: [key, key, key]) == true {
                try db.execute(sql: "DELETE FROM blobs WHERE key = ?", arguments: [key])
                orphans.append(key)
            }
            return orphans
        }
        for k in orphans { blobs.remove(k) }
    }
}
