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
            if let remote = call.env.urlUploads.get(hash) { return .json(remote.json) }
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
        let p = call.params, render = call.render
        let (mtime, ctime) = try p.times()
        let folder = try await call.read { t in
            try p.has("folderid") || p.has("path") ? p.folder(in: t) : t.folder(0)
        }
        // Refuse an upload that cannot fit before streaming it (multipart overhead aside);
        // each file is checked again when it is saved.
        if let length = call.request.headers[.contentLength].flatMap({ Int64($0) }) {
            try await call.read { t in try t.checkQuota(adding: length - 4096, owner: folder.ownerid) }
        }
        var fileids: [JSON] = [], metadata: [JSON] = [], checksums: [JSON] = []
        try await UploadReceiver(call: call, progress: call.env.uploads).receive { name, blob in
            let file = try await call.write { t -> FileRow in
                try t.putFile(in: try t.folder(t.wire(folder.fid)), name: name, content: Content(blob), mtime: mtime, ctime: ctime,
                              renameIfExists: p.bool("renameifexists"))
            }
            let meta = render.file(file).json
            fileids.append(.int(file.fid))
            metadata.append(meta)
            var sums = JSONObject([("sha1", .string(blob.sha1))])
            if let md5 = blob.md5 { sums["md5"] = .string(md5) }
            if let sha256 = blob.sha256 { sums["sha256"] = .string(sha256) }
            checksums.append(sums.json)
            return meta
        }
        return .json(JSONObject([("fileids", .array(fileids)), ("metadata", .array(metadata)),
                                 ("checksums", .array(checksums))]))
    }
}
