import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore

/// One open file: a working copy the descriptor reads and writes; written back as the file's
/// new content (the old one becomes a revision) on `file_close` or when the connection ends.
final class OpenFile: @unchecked Sendable {
    let fileid: Int64
    let user: UserRow
    let path: String
    var offset: Int64 = 0
    var dirty = false
    let append: Bool

    init(fileid: Int64, user: UserRow, path: String, append: Bool) {
        self.fileid = fileid; self.user = user; self.path = path; self.append = append
    }

    var size: Int64 { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0 }
}

/// File descriptors per connection: numbered from 1, never reused; `-1` is the last opened,
/// `-2` the one before (failed opens count too), so a client can pipeline open and write.
final class Descriptors: Sendable {
    private struct Connection {
        var next = 1
        var opened: [Int: OpenFile] = [:]
    }
    private let connections = NIOLockedValueBox<[ObjectIdentifier: Connection]>([:])

    /// Reserves the next number; `true` when this connection is new (its close must be watched).
    func reserve(_ conn: ObjectIdentifier) -> (Int, Bool) {
        connections.withLockedValue { c in
            let isNew = c[conn] == nil
            var entry = c[conn] ?? Connection()
            let fd = entry.next
            entry.next += 1
            c[conn] = entry
            return (fd, isNew)
        }
    }

    func attach(_ file: OpenFile, fd: Int, to conn: ObjectIdentifier) {
        connections.withLockedValue { $0[conn]?.opened[fd] = file }
    }

    func lookup(_ fd: Int, on conn: ObjectIdentifier) throws -> (Int, OpenFile) {
        try connections.withLockedValue { c in
            guard let entry = c[conn] else { throw APIError(1007, "Invalid or closed file descriptor.") }
            let number = fd < 0 ? entry.next + fd : fd
            guard let file = entry.opened[number] else { throw APIError(1007, "Invalid or closed file descriptor.") }
            return (number, file)
        }
    }

    func remove(_ fd: Int, on conn: ObjectIdentifier) {
        connections.withLockedValue { _ = $0[conn]?.opened.removeValue(forKey: fd) }
    }

    func removeAll(on conn: ObjectIdentifier) -> [OpenFile] {
        connections.withLockedValue { Array(($0.removeValue(forKey: conn)?.opened ?? [:]).values) }
    }
}

/// Fileops for old clients (the live service now refuses `file_open` to third-party apps,
/// REAL-SERVICE.md §4): descriptors that live with the connection.
enum FileopsMethods {
    static let oCreat: Int64 = 0x40, oExcl: Int64 = 0x80, oTrunc: Int64 = 0x200, oAppend: Int64 = 0x400

    static let methods: [String: MethodSpec] = [
        "file_open": MethodSpec(auth: .user, handler: open),
        "file_write": MethodSpec(auth: .user) { call in try await write(call, at: nil) },
        "file_pwrite": MethodSpec(auth: .user) { call in
            guard let offset = try call.params.int64("offset", invalid: 1009) else { throw APIError(1009, "Please provide 'offset'.") }
            return try await write(call, at: offset)
        },
        "file_read": MethodSpec(auth: .user) { call in try await read(call, at: nil) },
        "file_pread": MethodSpec(auth: .user) { call in
            guard let offset = try call.params.int64("offset", invalid: 1009) else { throw APIError(1009, "Please provide 'offset'.") }
            return try await read(call, at: offset)
        },
        "file_pread_ifmod": MethodSpec(auth: .user) { call in
            let p = call.params
            guard let offset = try p.int64("offset", invalid: 1009) else { throw APIError(1009, "Please provide 'offset'.") }
            guard p.has("sha1") || p.has("md5") else { throw APIError(1019, "Please provide 'sha1' or 'md5' checksum") }
            let (_, file) = try descriptor(call)
            let data = try range(file, offset: offset, count: try count(call))
            var hasher = ContentHasher(md5: true, sha256: false)
            data.withUnsafeBytes { hasher.update($0) }
            let d = hasher.finalize().digests
            if p["sha1"]?.lowercased() == d.sha1 || p["md5"]?.lowercased() == d.md5 { throw APIError(6000, "Not modified") }
            return raw(data)
        },
        "file_checksum": MethodSpec(auth: .user) { call in
            guard let offset = try call.params.int64("offset", invalid: 1009) else { throw APIError(1009, "Please provide 'offset'.") }
            let (_, file) = try descriptor(call)
            let data = try range(file, offset: offset, count: try count(call))
            var hasher = ContentHasher(md5: true, sha256: true)
            data.withUnsafeBytes { hasher.update($0) }
            let d = hasher.finalize().digests
            var o = JSONObject([("sha1", .string(d.sha1)), ("size", .int(Int64(data.count)))])
            switch call.env.config.region {
            case .us: o["md5"] = .string(d.md5 ?? "")
            case .eu: o["sha256"] = .string(d.sha256 ?? "")
            }
            return .json(o)
        },
        "file_size": MethodSpec(auth: .user) { call in
            let (_, file) = try descriptor(call)
            return .json(JSONObject([("size", .int(file.size)), ("offset", .int(file.offset))]))
        },
        "file_seek": MethodSpec(auth: .user) { call in
            guard let offset = try call.params.int64("offset", invalid: 1009) else { throw APIError(1009, "Please provide 'offset'.") }
            let (_, file) = try descriptor(call)
            let base: Int64
            switch try call.params.int64("whence") ?? 0 {
            case 0: base = 0
            case 1: base = file.offset
            case 2: base = file.size
            default: throw APIError(1009, "Please provide 'offset'.")
            }
            guard base + offset >= 0 else { throw APIError(1009, "Please provide 'offset'.") }
            file.offset = base + offset
            return .json(JSONObject([("offset", .int(file.offset))]))
        },
        "file_truncate": MethodSpec(auth: .user) { call in
            guard let length = try call.params.int64("length", invalid: 1010), length >= 0 else { throw APIError(1010, "Please provide 'length'.") }
            let (_, file) = try descriptor(call)
            guard truncate(file.path, off_t(length)) == 0 else { throw APIError(5003, "Write error. Try reopening the file.") }
            file.dirty = true
            return .ok
        },
        "file_lock": MethodSpec(auth: .user) { call in
            guard let type = try call.params.int64("type", invalid: 1012) else { throw APIError(1008, "Please provide lock 'type'.") }
            guard (0...2).contains(type) else { throw APIError(1012, "Invalid lock type. Please provide type (supported values: 0, 1, 2).") }
            _ = try descriptor(call)
            return .json(JSONObject([("locked", .bool(type != 0))]))
        },
        "file_close": MethodSpec(auth: .user) { call in
            let (fd, file) = try descriptor(call)
            call.env.descriptors.remove(fd, on: ObjectIdentifier(call.channel!))
            try await commit(file, env: call.env)
            return .ok
        },
    ]

    static func descriptor(_ call: Call) throws -> (Int, OpenFile) {
        guard let fd = try call.params.int64("fd", invalid: 1007), let channel = call.channel else {
            throw APIError(1007, "Invalid or closed file descriptor.")
        }
        let (number, file) = try call.env.descriptors.lookup(Int(fd), on: ObjectIdentifier(channel))
        guard file.user.uid == call.user.uid else { throw APIError(1007, "Invalid or closed file descriptor.") }
        return (number, file)
    }

    static func count(_ call: Call) throws -> Int64 {
        guard let count = try call.params.int64("count", invalid: 1011), count >= 0 else { throw APIError(1011, "Please provide 'count'.") }
        return count
    }

    static func open(_ call: Call) async throws -> Reply {
        let p = call.params, env = call.env, user = call.user
        guard let channel = call.channel else { throw APIError(5000) }
        let conn = ObjectIdentifier(channel)
        let (fd, isNew) = env.descriptors.reserve(conn)
        if isNew {
            // Descriptors close with the connection; what was written is kept.
            channel.closeFuture.whenComplete { _ in
                let files = env.descriptors.removeAll(on: conn)
                Task { for f in files { try? await commit(f, env: env) } }
            }
        }
        guard let flags = try p.int64("flags", invalid: 1006) else { throw APIError(1006, "Please provide flags.") }
        let file = try await call.write { t -> FileRow in
            if flags & oCreat != 0 {
                let (parent, name) = try p.newItem(in: t)
                if let existing = try t.childFile(parent.fid, name) {
                    if flags & oExcl != 0 { throw APIError(2004) }
                    return existing
                }
                let empty = try Self.emptyBlob(t, env: env)
                return try t.putFile(in: parent, name: name, content: Content(empty), mtime: nil, ctime: nil)
            }
            return try p.file(in: t)
        }
        let working = env.store.blobs.tmp.appendingPathComponent("fd-\(UUID().uuidString)").path
        if flags & oTrunc != 0 {
            _ = FileManager.default.createFile(atPath: working, contents: nil)
        } else {
            try FileManager.default.copyItem(atPath: env.store.blobs.path(file.blob), toPath: working)
        }
        let opened = OpenFile(fileid: file.fid, user: user, path: working, append: flags & oAppend != 0)
        opened.dirty = flags & oTrunc != 0
        env.descriptors.attach(opened, fd: fd, to: conn)
        return .json(JSONObject([("fd", .int(fd)), ("fileid", .int(file.fid))]))
    }

    static func emptyBlob(_ t: Tree, env: SandboxEnv) throws -> BlobRow {
        let incoming = try env.store.blobs.newIncoming(region: env.config.region)
        let blob = try env.store.blobs.commit(incoming)
        try blob.register(t.db)
        return blob
    }

    /// The request body (raw, or a multipart field `data`) at `offset` or the current position.
    static func write(_ call: Call, at offset: Int64?) async throws -> Reply {
        let (_, file) = try descriptor(call)
        var body = Data()
        if let reader = call.multipart {
            while let part = try await reader.nextFile() { while let c = try await reader.nextChunk() { body.append(contentsOf: c.readableBytesView) } ; _ = part }
        } else {
            for try await chunk in call.request.body { body.append(contentsOf: chunk.readableBytesView) }
        }
        if body.isEmpty, let field = call.params["data"] { body = Data(field.utf8) }
        let position = offset ?? (file.append ? file.size : file.offset)
        guard let handle = FileHandle(forWritingAtPath: file.path) else { throw APIError(5003, "Write error. Try reopening the file.") }
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(position))
        try handle.write(contentsOf: body)
        if offset == nil { file.offset = position + Int64(body.count) }
        file.dirty = true
        return .json(JSONObject([("bytes", .int(Int64(body.count)))]))
    }

    static func range(_ file: OpenFile, offset: Int64, count: Int64) throws -> Data {
        guard let handle = FileHandle(forReadingAtPath: file.path) else { throw APIError(5004, "Read error. Try reopening the file.") }
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        return try handle.read(upToCount: Int(count)) ?? Data()
    }

    static func read(_ call: Call, at offset: Int64?) async throws -> Reply {
        let (_, file) = try descriptor(call)
        let data = try range(file, offset: offset ?? file.offset, count: try count(call))
        if offset == nil { file.offset += Int64(data.count) }
        return raw(data)
    }

    static func raw(_ data: Data) -> Reply {
        var headers = HTTPFields()
        headers[.contentType] = "application/octet-stream"
        return .response(Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data))))
    }

    /// Writes a descriptor's working copy back as the file's content, if it changed.
    static func commit(_ file: OpenFile, env: SandboxEnv) async throws {
        defer { unlink(file.path) }
        guard file.dirty else { return }
        let incoming = try env.store.blobs.newIncoming(region: env.config.region)
        if let handle = FileHandle(forReadingAtPath: file.path) {
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { try incoming.write(ByteBuffer(data: chunk)) }
        }
        let blob = try env.store.blobs.commit(incoming)
        try await env.store.write { db in
            try blob.register(db)
            let t = try Tree(db: db, user: file.user)
            let current = try t.file(file.fileid)
            _ = try t.putFile(in: try t.folder(t.wire(current.parentid)), name: current.name, content: Content(blob), mtime: nil, ctime: nil)
        }
    }
}
