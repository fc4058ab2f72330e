import Foundation
import GRDB
import HTTPTypes
import Hummingbird

/// The visitor's side of public links: anyone with the code can look (`showpublink`), download
/// (`getpublinkdownload`, which counts), zip, read text, or, signed in, copy into their own
/// account (`copypubfile`, which does not count). Codes and short codes both work.
enum PublinkAccess {
    static let methods: [String: MethodSpec] = [
        "showpublink": MethodSpec(auth: .none) { call in
            let link = try await resolve(call)
            let render = MetadataRenderer(rootid: link.owner.rootid, tf: call.tf)
            let meta = try await call.store.read { db in
                try metadata(of: link.row, tree: Tree(db: db, user: link.owner), render: render, contents: true)
            }
            return .json(JSONObject([("metadata", meta.json)]))
        },
        "getpublinkdownload": MethodSpec(auth: .none) { call in
            let link = try await resolve(call)
            let file = try await file(in: link, call: call)
            try await count(link.row, bytes: file.size, store: call.store)
            var o = try await StreamingMethods.contentLink(call, blob: Content(file), name: file.name)
            o["hash"] = nil
            o["size"] = nil
            return .json(o)
        },
        "copypubfile": MethodSpec(auth: .user) { call in
            let p = call.params, render = call.render
            let link = try await resolve(call, countingLimits: false)
            let source = try await file(in: link, call: call)
            let copy = try await call.write { t -> FileRow in
                guard let (target, name) = try p.destination(in: t, sourceParent: t.rootid, sourceName: source.name)
                else { throw APIError(1016) }
                if p.bool("noover"), try t.childFile(target.fid, name) != nil { throw APIError(2004) }
                return try t.putFile(in: target, name: name, content: Content(source), mtime: source.modified, ctime: nil)
            }
            return .json(JSONObject([("metadata", render.file(copy).json)]))
        },
        "getpubzip": MethodSpec(auth: .none) { call in
            let (stream, _) = try await zip(call)
            var headers = HTTPFields()
            headers[.contentType] = call.params.bool("forcedownload") ? "application/octet-stream" : "application/zip"
            return .response(Response(status: .ok, headers: headers, body: stream.body))
        },
        "getpubziplink": MethodSpec(auth: .none) { call in
            let (stream, link) = try await zip(call)
            let blob = try await ArchivingMethods.buildZip(call, stream: stream)
            try await count(link.row, bytes: blob.size, store: call.store)
            return .json(try await StreamingMethods.contentLink(call, blob: Content(blob), name: call.params["filename"] ?? "archive.zip"))
        },
        "savepubzip": MethodSpec(auth: .user) { call in
            let (stream, _) = try await zip(call)
            return try await ArchivingMethods.savezip(call, stream: stream)
        },
        "getpubtextfile": MethodSpec(auth: .none) { call in
            let link = try await resolve(call)
            let file = try await file(in: link, call: call)
            return try await StreamingMethods.text(call, content: Content(file))
        },
    ]

    struct Resolved: Sendable {
        let row: PublinkRow
        let owner: UserRow
    }

    /// The link behind `code`, refusing deleted (7002), expired (7004) and exhausted (7005,
    /// 7006) links as the live service does.
    static func resolve(_ call: Call, countingLimits: Bool = true) async throws -> Resolved {
        guard let code = call.params["code"], !code.isEmpty else { throw APIError(1028) }
        return try await call.store.read { db in
            guard let row = try PublinkRow.fetchOne(db, sql: "SELECT * FROM publinks WHERE code = ? OR shortcode = ?",
                                                    arguments: [code, code]),
                  let owner = try UserRow.fetchOne(db, key: row.ownerid) else { throw APIError(7001, "Invalid link 'code'.") }
            if row.deleted { throw APIError(7002, "This link is deleted by the owner.") }
            if let e = row.expires, e < Dates.now() { throw APIError(7004, "This link has expired.") }
            if countingLimits {
                if let m = row.maxtraffic, row.traffic >= m { throw APIError(7005, "This link has reached its traffic limit.") }
                if let m = row.maxdownloads, row.downloads >= m { throw APIError(7006, "This link has reached maximum downloads.") }
            }
            // The linked item itself must still be there.
            let t = try Tree(db: db, user: owner)
            if let f = row.fileid, (try? t.file(f)) == nil { throw APIError(7002, "This link is deleted by the owner.") }
            if let f = row.folderid, (try? t.folder(t.wire(f))) == nil { throw APIError(7002, "This link is deleted by the owner.") }
            return Resolved(row: row, owner: owner)
        }
    }

    static func count(_ link: PublinkRow, bytes: Int64, store: Store) async throws {
        try await store.write { db in
            try db.execute(sql: "UPDATE publinks SET downloads = downloads + 1, traffic = traffic + ? WHERE id = ?",
                           arguments: [bytes, link.id])
        }
    }

    /// The file a request names inside a link: the link's own file, or `fileid` within a folder
    /// or tree link (1029 when missing, 2009 when outside the link).
    static func file(in link: Resolved, call: Call) async throws -> FileRow {
        let p = call.params
        return try await call.store.read { db in
            let t = try Tree(db: db, user: link.owner)
            if let f = link.row.fileid { return try t.file(f) }
            guard let id = try p.int64("fileid", invalid: 1018) else { throw APIError(1029) }
            let file = try t.file(id)
            guard try contains(link.row, file: file, tree: t) else { throw APIError(2009) }
            return file
        }
    }

    static func contains(_ link: PublinkRow, file: FileRow, tree t: Tree) throws -> Bool {
        if let f = link.fileid { return f == file.fid }
        if let folder = link.folderid { return try t.isWithin(file.parentid, folder) }
        if ids(link.treefileids).contains(file.fid) { return true }
        return try ids(link.treefolderids).contains { try t.isWithin(file.parentid, $0) }
    }

    static func ids(_ list: String?) -> [Int64] { (list ?? "").split(separator: ",").compactMap { Int64($0) } }

    /// What a link shows: the file, the folder (with its whole tree), or the tree link's
    /// virtual folder. `isshared` is always false here.
    static func metadata(of link: PublinkRow, tree t: Tree, render: MetadataRenderer, contents: Bool) throws -> JSONObject {
        func folderJSON(_ f: FolderRow) throws -> JSON {
            let inner: [JSON]? = contents
                ? try t.childFolders(f.fid).map(folderJSON) + t.childFiles(f.fid).map { render.file($0).json }
                : nil
            return render.folder(f, contents: inner).json
        }
        if let f = link.fileid { return render.file(try t.file(f)) }
        if let f = link.folderid { return JSONObject(try folderJSON(try t.folder(t.wire(f))).objectPairs) }
        var o = JSONObject([("name", .string(link.treename ?? "")), ("isfolder", true), ("folderid", 0), ("id", "d0"),
                            ("icon", "folder"), ("ismine", true), ("isshared", false), ("thumb", false),
                            ("created", render.tf.json(link.created)), ("modified", render.tf.json(link.modified))])
        if contents {
            o["contents"] = .array(try ids(link.treefolderids).compactMap { try? t.folder(t.wire($0)) }.map(folderJSON)
                                   + ids(link.treefileids).compactMap { try? t.file($0) }.map { render.file($0).json })
        }
        return o
    }

    /// The link's object as a zip (the default tree of public-link zips).
    static func zip(_ call: Call) async throws -> (ZipStream, Resolved) {
        let link = try await resolve(call)
        var params = Params()
        if let f = link.row.fileid { params.merge([("fileids", String(f))]) }
        if let f = link.row.folderid { params.merge([("folderids", String(f))]) }
        if link.row.treename != nil {
            params.merge([("fileids", link.row.treefileids ?? ""), ("folderids", link.row.treefolderids ?? "")])
        }
        let p = params
        let entries = try await call.store.read { db -> [ZipTree.Entry] in
            let t = try Tree(db: db, user: link.owner)
            let inner = try ZipTree.entries(params: p, in: t)
            guard link.row.treename != nil else { return inner }
            return inner.map { ZipTree.Entry(path: link.row.treename! + "/" + $0.path, file: $0.file, modified: $0.modified) }
        }
        return (try ArchivingMethods.zipStream(call, entries: entries), link)
    }
}
