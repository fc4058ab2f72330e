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

    /// Deletes blob files that no file or revision refers to any more.
    func collectGarbage() async throws {
        let orphans = try await write { db -> [String] in
            let keys = try String.fetchAll(db, sql: """
                SELECT key FROM blobs WHERE key NOT IN (SELECT blob FROM files)
                AND key NOT IN (SELECT blob FROM revisions)
                """)
            for k in keys { try db.execute(sql: "DELETE FROM blobs WHERE key = ?", arguments: [k]) }
            return keys
        }
        for k in orphans { blobs.remove(k) }
    }
}
