import Foundation
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore

/// Live state of an upload that carries a `progresshash`, for `uploadprogress`.
struct UploadProgress: Sendable {
    var total: Int64
    var uploaded: Int64 = 0
    var currentFile: String?
    var currentFileUploaded: Int64 = 0
    var fileNumber = 0
    var files: [JSON] = []
    var finished = false
}

enum UploadMethods {
    static let methods: [String: MethodSpec] = [
        "uploadfile": MethodSpec(auth: .user, handler: uploadfile),
        "uploadprogress": MethodSpec(auth: .user) { call in
            guard let hash = call.params["progresshash"] else { throw APIError(1052) }
            guard let e = call.env.uploads.get(hash) else { throw APIError(1900) }
            var o = JSONObject([("total", .int(e.total)), ("uploaded", .int(e.uploaded))])
            if !e.finished, let name = e.currentFile {
                o["currentfile"] = .string(name)
                o["currentfileuploaded"] = .int(e.currentFileUploaded)
            }
            o["filenumber"] = .int(max(e.fileNumber, 1))
            o["files"] = .array(e.files)
            o["finished"] = .bool(e.finished)
            return .json(o)
        },
    ]

    /// One or more files, as a multipart body (any part names) or a raw PUT/POST body named by
    /// `filename`. Each file streams to a temporary file while it is hashed, then is committed.
    static func uploadfile(_ call: Call) async throws -> Reply {
        let p = call.params, render = call.render, env = call.env
        let (mtime, ctime) = try p.times()
        let nopartial = p.bool("nopartial"), renameIfExists = p.bool("renameifexists")
        let contentLength = call.request.headers[.contentLength].flatMap { Int64($0) }
        let folder = try await call.read { t in
            try p.has("folderid") || p.has("path") ? p.folder(in: t) : t.folder(0)
        }
        // Refuse an upload that cannot fit before streaming it (multipart overhead aside);
        // each file is checked again when it is saved.
        if let contentLength { try await call.read { t in try t.checkQuota(adding: contentLength - 4096) } }
        let progress = p["progresshash"]
        if let progress { env.uploads.start(progress, UploadProgress(total: contentLength ?? 0)) }

        var fileids: [JSON] = [], metadata: [JSON] = [], checksums: [JSON] = []
        // Applies injected upload faults (bandwidth, drop-after).
        var pacer = Pacer(eventLoop: call.pacer.eventLoop, faults: env.faults, what: "upload")
        var broken: Error?
        func store(name: String, chunks: () async throws -> ByteBuffer?) async throws {
            let name = try Tree.validName(name)
            let incoming = try env.store.blobs.newIncoming(region: env.config.region)
            if let progress {
                env.uploads.update(progress) { $0.currentFile = name; $0.currentFileUploaded = 0; $0.fileNumber += 1 }
            }
            do {
                while let chunk = try await chunks() {
                    try incoming.write(chunk)
                    if let progress {
                        env.uploads.update(progress) { $0.currentFileUploaded += Int64(chunk.readableBytes) }
                    }
                    try await pacer.wrote(chunk.readableBytes)
                }
            } catch {
                // The connection broke: with nopartial the file is dropped, otherwise what
                // arrived is kept, as pCloud does.
                broken = error is InjectedDrop ? error : APIError(2041)
                if nopartial { incoming.discard(); throw broken! }
            }
            let blob = try env.store.blobs.commit(incoming)
            let file: FileRow
            do {
                file = try await call.write { t -> FileRow in
                    if try !BlobRow.exists(t.db, key: blob.key) { try blob.insert(t.db) }
                    let parent = try t.folder(t.wire(folder.fid))
                    return try t.putFile(in: parent, name: name, content: Content(blob), mtime: mtime, ctime: ctime,
                                         renameIfExists: renameIfExists)
                }
            } catch {
                // Over quota, or the folder went away meanwhile: keep no unreferenced content.
                try? await env.store.collectGarbage(keys: [blob.key])
                throw error
            }
            let meta = render.file(file).json
            fileids.append(.int(file.fid))
            metadata.append(meta)
            var sums = JSONObject([("sha1", .string(blob.sha1))])
            if let md5 = blob.md5 { sums["md5"] = .string(md5) }
            if let sha256 = blob.sha256 { sums["sha256"] = .string(sha256) }
            checksums.append(sums.json)
            if let progress { env.uploads.update(progress) { $0.files.append(meta) } }
            if let broken { throw broken }
        }

        if let reader = call.multipart {
            if let progress { reader.onReceive = { n in env.uploads.update(progress) { $0.uploaded = n } } }
            while let part = try await reader.nextFile() {
                try await store(name: part.filename ?? "", chunks: reader.nextChunk)
            }
        } else {
            guard let name = p["filename"] else { throw APIError(2001) }
            var body = call.request.body.makeAsyncIterator()
            var received: Int64 = 0
            try await store(name: name) {
                guard let chunk = try await body.next() else {
                    // A body shorter than announced means the connection broke.
                    if let contentLength, received < contentLength { throw APIError(2041) }
                    return nil
                }
                received += Int64(chunk.readableBytes)
                if let progress { env.uploads.update(progress) { [received] in $0.uploaded = received } }
                return chunk
            }
        }
        if let progress {
            env.uploads.finish(progress) { $0.finished = true; $0.uploaded = $0.total }
        }
        return .json(JSONObject([("fileids", .array(fileids)), ("metadata", .array(metadata)),
                                 ("checksums", .array(checksums))]))
    }
}
