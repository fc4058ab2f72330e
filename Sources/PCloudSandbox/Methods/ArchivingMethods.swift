import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import ZIPFoundation

enum ArchivingMethods {
    static let methods: [String: MethodSpec] = [
        "getzip": MethodSpec(auth: .user, handler: getzip),
    ]

    /// The zip of a tree (structures.md §2), built into a temporary file and streamed.
    static func getzip(_ call: Call) async throws -> Reply {
        let p = call.params, store = call.store
        let entries = try await call.read { t in try ZipTree.entries(params: p, in: t) }
        let tmp = store.blobs.tmp.appendingPathComponent(UUID().uuidString + ".zip")
        do {
            let archive = try Archive(url: tmp, accessMode: .create)
            for entry in entries {
                try ZipTree.add(entry, to: archive, blobs: store.blobs)
            }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
        let size = (try FileManager.default.attributesOfItem(atPath: tmp.path)[.size] as? NSNumber)?.int64Value ?? 0
        var headers = HTTPFields()
        headers[.contentType] = p.bool("forcedownload") ? "application/octet-stream" : "application/zip"
        if let name = p["filename"] {
            let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "archive.zip"
            headers[.contentDisposition] = "attachment; filename*=UTF-8''\(encoded)"
        }
        let path = tmp.path
        let body = ContentRoute.fileBody(path: path, offset: 0, length: size) { unlink(path) }
        return .response(Response(status: .ok, headers: headers, body: body))
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

    static func add(_ entry: Entry, to archive: Archive, blobs: Blobs) throws {
        let date = Date(timeIntervalSince1970: TimeInterval(entry.modified))
        guard let file = entry.file else {
            try archive.addEntry(with: entry.path, type: .directory, uncompressedSize: Int64(0), modificationDate: date,
                                 provider: { _, _ in Data() })
            return
        }
        guard let handle = FileHandle(forReadingAtPath: blobs.path(file.blob)) else { throw APIError(5000) }
        defer { try? handle.close() }
        try archive.addEntry(with: entry.path, type: .file, uncompressedSize: file.size, modificationDate: date,
                             compressionMethod: .none, bufferSize: 256 * 1024) { position, size in
            try handle.seek(toOffset: UInt64(position))
            return try handle.read(upToCount: size) ?? Data()
        }
    }
}
