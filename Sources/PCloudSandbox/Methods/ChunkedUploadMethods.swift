import Foundation
import GRDB
import NIOConcurrencyHelpers
import NIOCore

/// The running digests of open upload sessions, so neither `upload_info` nor `upload_save`
/// reads the whole session again. After a restart a session is hashed once from its file.
final class UploadSessionHashes: Sendable {
    private let hashers = NIOLockedValueBox<[Int64: ContentHasher]>([:])

    /// The session's hasher, caught up with its file (`size` bytes).
    func take(_ id: Int64, file: String, size: Int64, region: Region) throws -> ContentHasher {
        if let h = hashers.withLockedValue({ $0.removeValue(forKey: id) }), h.size == size { return h }
        return try ContentHasher.hashing(file: file, into: ContentHasher(region: region))
    }

    func put(_ id: Int64, _ hasher: ContentHasher) { hashers.withLockedValue { $0[id] = hasher } }
    func drop(_ id: Int64) { hashers.withLockedValue { _ = $0.removeValue(forKey: id) } }
}

/// The resumable upload session pCloud's own clients use: `upload_create`, then `upload_write`
/// in order (the live service appends only: REAL-SERVICE.md §3), `upload_info` to resume,
/// `upload_save` to turn it into a file. Sessions are files under `tmp/uploads/` and survive
/// a restart.
enum ChunkedUploadMethods {
    static let methods: [String: MethodSpec] = [
        "upload_create": MethodSpec(auth: .user) { call in
            let uid = call.user.uid
            let id = try await call.store.write { db -> Int64 in
                try db.execute(sql: "INSERT INTO uploads (userid, created) VALUES (?, ?)", arguments: [uid, Dates.now()])
                return db.lastInsertedRowID
            }
            _ = FileManager.default.createFile(atPath: path(call, id), contents: nil)
            return .json(JSONObject([("uploadid", .int(id))]))
        },
        "upload_write": MethodSpec(auth: .user) { call in
            let (id, file) = try await session(call)
            guard let offset = try call.params.int64("uploadoffset") else { throw APIError(2068, "Could not write to upload.") }
            let size = fileSize(file)
            guard offset == size else { throw APIError(2068, "Could not write to upload.") }
            let fd = open(file, O_WRONLY | O_APPEND | O_CLOEXEC)
            guard fd >= 0 else { throw APIError(2067, "Upload id does not exist.") }
            defer { close(fd) }
            // The digests follow the bytes as they are appended, even when the write breaks off.
            let sessions = call.env.uploadSessions
            var hasher = try sessions.take(id, file: file, size: size, region: call.env.config.region)
            defer { sessions.put(id, hasher) }
            var written: Int64 = 0
            var pacer = Pacer(eventLoop: call.pacer.eventLoop, faults: call.env.faults, traffic: call.env.traffic, what: "upload_write")
            for try await chunk in call.request.body {
                try chunk.withUnsafeReadableBytes { raw in
                    var off = 0
                    while off < raw.count {
                        let n = write(fd, raw.baseAddress! + off, raw.count - off)
                        if n < 0 { throw APIError(5001) }
                        hasher.update(UnsafeRawBufferPointer(rebasing: raw[off..<off + n]))
                        off += n
                    }
                }
                written += Int64(chunk.readableBytes)
                try await pacer.wrote(chunk.readableBytes)
            }
            return .json(JSONObject([("bytes", .int(written))]))
        },
        "upload_info": MethodSpec(auth: .user) { call in
            let (id, file) = try await session(call)
            let sessions = call.env.uploadSessions
            let hasher = try sessions.take(id, file: file, size: fileSize(file), region: call.env.config.region)
            sessions.put(id, hasher)
            let d = hasher.finalize().digests
            var o = JSONObject([("size", .int(d.size)), ("sha1", .string(d.sha1))])
            switch call.env.config.region {
            case .us: o["md5"] = .string(d.md5 ?? "")
            case .eu: o["sha256"] = .string(d.sha256 ?? "")
            }
            return .json(o)
        },
        "upload_save": MethodSpec(auth: .user, handler: save),
        "upload_delete": MethodSpec(auth: .user) { call in
            let (id, file) = try await session(call)
            try await call.store.write { db in try db.execute(sql: "DELETE FROM uploads WHERE id = ?", arguments: [id]) }
            call.env.uploadSessions.drop(id)
            unlink(file)
            return .ok
        },
    ]

    static func path(_ call: Call, _ id: Int64) -> String {
        let dir = call.store.blobs.tmp.appendingPathComponent("uploads")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(String(id)).path
    }

    static func fileSize(_ file: String) -> Int64 {
        (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value ?? 0
    }

    static func session(_ call: Call) async throws -> (Int64, String) {
        guard let id = try call.params.int64("uploadid", invalid: 2067) else { throw APIError(2067, "Upload id does not exist.") }
        let uid = call.user.uid
        let exists = try await call.store.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM uploads WHERE id = ? AND userid = ?)", arguments: [id, uid]) ?? false
        }
        guard exists else { throw APIError(2067, "Upload id does not exist.") }
        return (id, path(call, id))
    }

    /// Saves the session as a file; `ifhash` (a number) overwrites only a file whose hash
    /// still matches, saving a `{CONFLICTED}` copy otherwise; `ifhash=new` only creates.
    static func save(_ call: Call) async throws -> Reply {
        let p = call.params, render = call.render, env = call.env
        let (id, file) = try await session(call)
        let (mtime, ctime) = try p.times()
        let renameIfExists = p.bool("renameifexists")
        // The session's file becomes the blob, with the digests gathered while it was written.
        let blob = try env.uploadSessions.take(id, file: file, size: fileSize(file), region: env.config.region).blobRow()
        let (saved, conflicted) = try await call.write { t -> (FileRow, Bool) in
            let (parent, name): (FolderRow, String)
            if let folderid = try p.int64("folderid", invalid: 1017), let n = p["name"] {
                (parent, name) = (try t.folder(folderid), try Tree.validName(n))
            } else if let path = p["path"] {
                let (pp, n) = try t.parentAndName(path: path)
                (parent, name) = (pp, try Tree.validName(n))
            } else {
                throw APIError(1001)
            }
            try blob.register(t.db)
            var target = name, conflicted = false
            if let ifhash = p["ifhash"], let existing = try t.childFile(parent.fid, name) {
                if ifhash == "new" || UInt64(ifhash) != UInt64(bitPattern: existing.hash) {
                    target = try t.freeFileName(in: parent.fid, for: Tree.name(name, suffix: " {CONFLICTED}"))
                    conflicted = true
                }
            }
            let f = try t.putFile(in: parent, name: target, content: Content(blob), mtime: mtime, ctime: ctime,
                                  renameIfExists: renameIfExists && !conflicted)
            try t.db.execute(sql: "DELETE FROM uploads WHERE id = ?", arguments: [id])
            return (f, conflicted)
        }
        // Only once the file is recorded does the session's file move into the store, so a
        // refused save leaves the session as it was.
        try env.store.blobs.adopt(file, as: blob)
        var meta = render.file(saved)
        if conflicted { meta["conflicted"] = true }
        return .json(JSONObject([("metadata", meta.json)]))
    }
}
