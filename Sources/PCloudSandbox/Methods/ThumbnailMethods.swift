import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import NIOCore

/// Thumbnails of images (`thumb: true` in metadata), as bytes, links or saved files; the
/// public-link variants take a link `code` instead of credentials.
enum ThumbnailMethods {
    static let methods: [String: MethodSpec] = [
        "getthumb": MethodSpec(auth: .user) { call in try await bytes(call, file: try await ownFile(call)) },
        "getthumblink": MethodSpec(auth: .user) { call in try await link(call, file: try await ownFile(call)) },
        "getthumbslinks": MethodSpec(auth: .user) { call in
            try await links(call) { id in try await call.read { t in try t.file(id) } }
        },
        "getpubthumbslinks": MethodSpec(auth: .none) { call in
            let link = try await PublinkAccess.resolve(call, countingLimits: false)
            return try await links(call) { id in
                try await call.store.read { db in
                    let t = try Tree(db: db, user: link.owner)
                    let file = try t.file(id)
                    guard try PublinkAccess.contains(link.row, file: file, tree: t) else { throw APIError(2009) }
                    return file
                }
            }
        },
        "savethumb": MethodSpec(auth: .user) { call in try await save(call, file: try await ownFile(call)) },
        "getpubthumb": MethodSpec(auth: .none) { call in try await bytes(call, file: try await publicFile(call)) },
        "getpubthumblink": MethodSpec(auth: .none) { call in try await link(call, file: try await publicFile(call)) },
        "savepubthumb": MethodSpec(auth: .user) { call in try await save(call, file: try await publicFile(call)) },
    ]

    /// One link per `fileids` entry, each with its own `result`.
    static func links(_ call: Call, file: (Int64) async throws -> FileRow) async throws -> Reply {
        let ids = try call.params.ids("fileids", invalid: 1018)
        guard !ids.isEmpty else { throw APIError(1038, "Please provide 'fileids'.") }
        _ = try Thumbnails.parse(call.params["size"])
        var thumbs: [JSON] = []
        for id in ids {
            do {
                var o = try await thumbLink(call, file: try await file(id))
                o["fileid"] = .int(id)
                o["result"] = 0
                thumbs.append(o.json)
            } catch let e as APIError {
                thumbs.append(.object([("fileid", .int(id)), ("result", .int(Int64(e.code))), ("error", .string(e.message))]))
            }
        }
        return .json(JSONObject([("thumbs", .array(thumbs))]))
    }

    static func ownFile(_ call: Call) async throws -> FileRow {
        let p = call.params
        return try await call.read { t in try p.file(in: t) }
    }

    static func publicFile(_ call: Call) async throws -> FileRow {
        try await PublinkAccess.file(in: try await PublinkAccess.resolve(call, countingLimits: false), call: call)
    }

    /// Makes (or finds) the thumbnail as a blob.
    static func thumbnail(_ call: Call, file: FileRow) async throws -> (BlobRow, width: Int, height: Int) {
        let p = call.params, env = call.env
        guard ContentKind.of(name: file.name).category == 1 else { throw APIError(1014, "Thumb can not be created from this file type.") }
        let size = try Thumbnails.parse(p["size"])
        let png = p["type"]?.lowercased() == "png"
        let made = try Thumbnails.make(from: env.store.blobs.path(file.blob), size: size, crop: p.bool("crop"), png: png)
        let incoming = try env.store.blobs.newIncoming(region: env.config.region)
        try incoming.write(ByteBuffer(data: made.data))
        let blob = try env.store.blobs.commit(incoming)
        try await env.store.write { db in try blob.register(db) }
        return (blob, made.width, made.height)
    }

    static func thumbName(_ file: FileRow, png: Bool) -> String {
        ((file.name as NSString).deletingPathExtension) + (png ? ".png" : ".jpg")
    }

    static func thumbLink(_ call: Call, file: FileRow) async throws -> JSONObject {
        let (blob, w, h) = try await thumbnail(call, file: file)
        var o = try await StreamingMethods.contentLink(call, blob: Content(blob), name: thumbName(file, png: call.params["type"] == "png"))
        o["size"] = .string("\(w)x\(h)")
        o["hash"] = nil
        return o
    }

    static func link(_ call: Call, file: FileRow) async throws -> Reply { .json(try await thumbLink(call, file: file)) }

    static func bytes(_ call: Call, file: FileRow) async throws -> Reply {
        let (blob, _, _) = try await thumbnail(call, file: file)
        let data = try Data(contentsOf: URL(fileURLWithPath: call.store.blobs.path(blob.key)))
        var headers = HTTPFields()
        headers[.contentType] = call.params["type"]?.lowercased() == "png" ? "image/png" : "image/jpeg"
        return .response(Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data))))
    }

    static func save(_ call: Call, file: FileRow) async throws -> Reply {
        let p = call.params, render = call.render
        let (blob, w, h) = try await thumbnail(call, file: file)
        let name = thumbName(file, png: p["type"] == "png")
        let saved = try await call.write { t -> FileRow in
            guard let (target, toName) = try p.destination(in: t, sourceParent: t.rootid, sourceName: name) else { throw APIError(1016) }
            if p.bool("noover"), try t.childFile(target.fid, toName) != nil { throw APIError(2004) }
            return try t.putFile(in: target, name: toName, content: Content(blob), mtime: nil, ctime: nil)
        }
        return .json(JSONObject([("metadata", render.file(saved).json), ("width", .int(w)), ("height", .int(h))]))
    }
}
