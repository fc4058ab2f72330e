import Foundation
import GRDB
import HTTPTypes
import Hummingbird

enum ArchivingMethods {
    static let methods: [String: MethodSpec] = [
        "getzip": MethodSpec(auth: .user, handler: getzip),
        "getziplink": MethodSpec(auth: .user, handler: getziplink),
        "savezip": MethodSpec(auth: .user, handler: savezip),
        "savezipprogress": MethodSpec(auth: .user) { call in
            guard let hash = call.params["progresshash"] else { throw APIError(1052) }
            guard let z = call.env.zips.get(hash) else { throw APIError(1901, "Zip not found.") }
            return .json(JSONObject([("files", .int(z.files)), ("totalfiles", .int(z.totalFiles)),
                                     ("bytes", .int(z.bytes)), ("totalbytes", .int(z.totalBytes))]))
        },
        "extractarchive": MethodSpec(auth: .user, handler: Extraction.extractarchive),
        "extractarchiveprogress": MethodSpec(auth: .user, handler: Extraction.progress),
    ]

    /// The caller's tree from the request's tree parameters.
    static func zipStream(_ call: Call) async throws -> ZipStream {
        let p = call.params
        return try zipStream(call, entries: try await call.read { t in try ZipTree.entries(params: p, in: t) })
    }

    static func zipStream(_ call: Call, entries: [ZipTree.Entry]) throws -> ZipStream {
        let blobs = call.store.blobs
        let timeOffset = try call.params["timeoffset"].map(ZipTree.parseOffset) ?? 0
        return ZipStream(entries: entries.map {
            ZipStream.Entry(path: $0.path, source: $0.file.map { blobs.path($0.blob) }, size: $0.file?.size ?? 0,
                            modified: $0.modified)
        }, timeOffset: timeOffset, pacer: call.pacer)
    }

    /// Builds the zip into the blob store, reporting to `savezipprogress` as it goes.
    static func buildZip(_ call: Call, stream given: ZipStream? = nil) async throws -> BlobRow {
        let stream: ZipStream
        if let given { stream = given } else { stream = try await zipStream(call) }
        let env = call.env
        let hash = call.params["progresshash"]
        let totalFiles = stream.entries.count, totalBytes = stream.totalBytes
        if let hash { env.zips.start(hash, ZipProgress(totalFiles: totalFiles, totalBytes: totalBytes)) }
        let incoming = try env.store.blobs.newIncoming(region: env.config.region)
        do {
            try await stream.write(to: { try incoming.write($0) }) { files, bytes in
                if let hash { env.zips.update(hash) { $0.files = files; $0.bytes = bytes } }
            }
        } catch {
            incoming.discard()
            throw error
        }
        if let hash { env.zips.finish(hash) }
        let blob = try env.store.blobs.commit(incoming)
        try await env.store.write { db in try blob.register(db) }
        return blob
    }

    /// The zip of a tree saved as a file (`topath`, or `tofolderid` + `toname`).
    static func savezip(_ call: Call) async throws -> Reply {
        try await savezip(call, stream: nil)
    }

    static func savezip(_ call: Call, stream: ZipStream?) async throws -> Reply {
        let p = call.params, render = call.render
        // Check the destination before building anything.
        let (folder, name) = try await call.read { t -> (FolderRow, String) in
            if let topath = p["topath"] {
                let (parent, n) = try t.parentAndName(path: topath)
                return (parent, try Tree.validName(n))
            }
            guard let id = try p.int64("tofolderid", invalid: 1017), let n = p["toname"] else { throw APIError(1016) }
            return (try t.folder(id), try Tree.validName(n))
        }
        let blob = try await buildZip(call, stream: stream)
        let file = try await call.write { t in
            try t.putFile(in: try t.folder(t.wire(folder.fid)), name: name, content: Content(blob), mtime: nil, ctime: nil)
        }
        return .json(JSONObject([("metadata", render.file(file).json)]))
    }

    /// The zip built on the server and offered as a content link.
    static func getziplink(_ call: Call) async throws -> Reply {
        let blob = try await buildZip(call)
        let name = call.params["filename"] ?? "archive.zip"
        return .json(try await StreamingMethods.contentLink(call, blob: Content(blob), name: name))
    }

    /// The zip of a tree (structures.md §2), streamed as it is built.
    static func getzip(_ call: Call) async throws -> Reply {
        let p = call.params
        let stream = try await zipStream(call)
        var headers = HTTPFields()
        headers[.contentType] = p.bool("forcedownload") ? "application/octet-stream" : "application/zip"
        if let name = p["filename"] {
            let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "archive.zip"
            headers[.contentDisposition] = "attachment; filename*=UTF-8''\(encoded)"
        }
        return .response(Response(status: .ok, headers: headers, body: stream.body))
    }
}

struct ZipProgress: Sendable {
    var files = 0
    let totalFiles: Int
    var bytes: Int64 = 0
    let totalBytes: Int64

    init(totalFiles: Int, totalBytes: Int64) { self.totalFiles = totalFiles; self.totalBytes = totalBytes }
}

/// The entries of a tree given by `folderid` (its contents), `folderids`, `fileids` and the two
/// exclude lists.
enum ZipTree {
    struct Entry: Sendable {
        let path: String
        let file: FileRow?
        let modified: Int64
    }

    static func entries(params p: Params, in t: Tree) throws -> [Entry] {
        let excludeFolders = Set(try p.ids("excludefolderids", invalid: 1017).map(t.row))
        let excludeFiles = Set(try p.ids("excludefileids", invalid: 1018))
        var out: [Entry] = []
        func addContents(of folder: FolderRow, prefix: String) throws {
            for sub in try t.childFolders(folder.fid) where !excludeFolders.contains(sub.fid) {
                try addFolder(sub, prefix: prefix)
            }
            for file in try t.childFiles(folder.fid) where !excludeFiles.contains(file.fid) {
                out.append(Entry(path: prefix + file.name, file: file, modified: file.modified))
            }
        }
        func addFolder(_ folder: FolderRow, prefix: String) throws {
            let path = prefix + folder.name + "/"
            out.append(Entry(path: path, file: nil, modified: folder.modified))
            try addContents(of: folder, prefix: path)
        }
        if let id = try p.int64("folderid", invalid: 1017) {
            try addContents(of: try t.folder(id), prefix: "")
        }
        for id in try p.ids("folderids", invalid: 1017) {
            let folder = try t.folder(id)
            if folder.fid == t.rootid { try addContents(of: folder, prefix: "") } else { try addFolder(folder, prefix: "") }
        }
        for id in try p.ids("fileids", invalid: 1018) {
            let file = try t.file(id)
            out.append(Entry(path: file.name, file: file, modified: file.modified))
        }
        return out
    }

    /// `+0300`, `-05:00` or seconds.
    static func parseOffset(_ text: String) throws -> Int64 {
        if let n = Int64(text) { return n }
        let digits = text.filter(\.isNumber)
        guard let sign = text.first, sign == "+" || sign == "-", digits.count == 4,
              let h = Int64(digits.prefix(2)), let m = Int64(digits.suffix(2)) else { throw APIError(1013) }
        return (sign == "-" ? -1 : 1) * (h * 3600 + m * 60)
    }
}
