import Foundation
import GRDB
import HTTPTypes
import Hummingbird

enum ArchivingMethods {
    static let methods: [String: MethodSpec] = [
        "getzip": MethodSpec(auth: .user, handler: getzip),
    ]

    /// The zip of a tree (structures.md §2), streamed as it is built.
    static func getzip(_ call: Call) async throws -> Reply {
        let p = call.params, blobs = call.store.blobs
        let timeOffset = try p["timeoffset"].map(ZipTree.parseOffset) ?? 0
        let entries = try await call.read { t in try ZipTree.entries(params: p, in: t) }
        var headers = HTTPFields()
        headers[.contentType] = p.bool("forcedownload") ? "application/octet-stream" : "application/zip"
        if let name = p["filename"] {
            let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "archive.zip"
            headers[.contentDisposition] = "attachment; filename*=UTF-8''\(encoded)"
        }
        let stream = ZipStream(entries: entries.map {
            ZipStream.Entry(path: $0.path, source: $0.file.map { blobs.path($0.blob) }, size: $0.file?.size ?? 0,
                            modified: $0.modified)
        }, timeOffset: timeOffset, pacer: call.pacer)
        return .response(Response(status: .ok, headers: headers, body: stream.body))
    }
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
