import GRDB

/// The trash: deleted items keep their place in the tree (`deleted`), the ones the user deleted
/// directly are its top level (`trashtop`). As on the live service, these methods refuse OAuth
/// tokens (REAL-SERVICE.md §1).
enum TrashMethods {
    static let methods: [String: MethodSpec] = [
        "trash_list": MethodSpec(auth: .sessionOrPassword, handler: list),
        "trash_restorepath": MethodSpec(auth: .sessionOrPassword, handler: restorepath),
        "trash_restore": MethodSpec(auth: .sessionOrPassword, handler: restore),
        "trash_clear": MethodSpec(auth: .sessionOrPassword, handler: clear),
    ]

    /// The trash root (`folderid=0`) or a trashed folder, with `contents`.
    static func list(_ call: Call) async throws -> Reply {
        let p = call.params, render = call.render
        let nofiles = p.bool("nofiles"), recursive = p.bool("recursive")
        let metadata = try await call.read { t -> JSON in
            func trashed(_ item: JSONObject, origParent: Int64, trashParent: Int64) -> JSON {
                var o = item
                o["parentfolderid"] = .int(trashParent)
                o["origparentfolderid"] = .int(t.wire(origParent))
                o["isdeleted"] = true
                return o.json
            }
            func contents(of folderID: Int64?) throws -> [JSON] {
                let folders: [FolderRow], files: [FileRow]
                if let folderID {
                    folders = try FolderRow.fetchAll(t.db, sql: "SELECT * FROM folders WHERE parentid = ? AND deleted = 1 AND trashtop = 0 ORDER BY name", arguments: [folderID])
                    files = nofiles ? [] : try FileRow.fetchAll(t.db, sql: "SELECT * FROM files WHERE parentid = ? AND deleted = 1 AND trashtop = 0 ORDER BY name", arguments: [folderID])
                } else {
                    folders = try FolderRow.fetchAll(t.db, sql: "SELECT * FROM folders WHERE ownerid = ? AND deleted = 1 AND trashtop = 1 ORDER BY deletedat DESC, name", arguments: [t.user.uid])
                    files = nofiles ? [] : try FileRow.fetchAll(t.db, sql: "SELECT * FROM files WHERE ownerid = ? AND deleted = 1 AND trashtop = 1 ORDER BY deletedat DESC, name", arguments: [t.user.uid])
                }
                let trashParent = folderID ?? 0
                return try folders.map { f in
                    trashed(render.folder(f, contents: recursive ? try contents(of: f.fid) : nil), origParent: f.parentid ?? t.rootid, trashParent: trashParent)
                } + files.map { trashed(render.file($0), origParent: $0.parentid, trashParent: trashParent) }
            }
            let folderID = try p.int64("folderid", invalid: 1017) ?? 0
            if folderID == 0 {
                return JSONObject([("name", "/"), ("isfolder", true), ("isdeleted", true), ("folderid", 0), ("id", "d0"),
                                   ("icon", "folder"), ("contents", .array(try contents(of: nil)))]).json
            }
            let folder = try t.folder(folderID, deleted: true)
            return trashed(render.folder(folder, contents: try contents(of: folder.fid)), origParent: folder.parentid ?? t.rootid,
                           trashParent: folder.trashtop ? 0 : folder.parentid ?? 0)
        }
        return .json(JSONObject([("metadata", metadata)]))
    }

    /// Where a restore would put an item: its old folder if that still exists, else the
    /// nearest ancestor that does; the name gets ` (k)` on a clash.
    static func restorepath(_ call: Call) async throws -> Reply {
        let p = call.params, render = call.render
        let (item, destination) = try await call.read { t -> (JSON, JSON) in
            let target = try trashItem(p, t)
            var parent = try t.liveAncestor(of: target.parent)
            let name = try target.isFolder ? t.freeFolderName(in: parent.fid, for: target.name) : t.freeFileName(in: parent.fid, for: target.name)
            parent = try FolderRow.fetchOne(t.db, key: parent.fid)!
            var meta: JSONObject
            switch target.row {
            case .folder(var f): f.name = name; f.deleted = false; f.parentid = parent.fid; meta = render.folder(f)
            case .file(var f): f.name = name; f.deleted = false; f.parentid = parent.fid; meta = render.file(f)
            }
            return (meta.json, render.folder(parent).json)
        }
        return .json(JSONObject([("metadata", item), ("destination", destination)]))
    }

    /// Restores one item (or, with `folderid=0`, everything) to where it was, recreating
    /// folders that are gone, or into `restoreto`.
    static func restore(_ call: Call) async throws -> Reply {
        let p = call.params, render = call.render
        let wantContents = p.bool("metadata")
        return try await call.write { t -> Reply in
            var restoreTo: FolderRow?
            if let to = try p.int64("restoreto", invalid: 1054) {
                guard let f = try? t.folder(to) else { throw APIError(1054) }
                restoreTo = f
            }
            if try p.int64("folderid", invalid: 1017) == 0 && !p.has("fileid") {
                let folders = try FolderRow.fetchAll(t.db, sql: "SELECT * FROM folders WHERE ownerid = ? AND deleted = 1 AND trashtop = 1", arguments: [t.user.uid])
                let files = try FileRow.fetchAll(t.db, sql: "SELECT * FROM files WHERE ownerid = ? AND deleted = 1 AND trashtop = 1", arguments: [t.user.uid])
                var restored: [JSON] = []
                for f in folders { restored.append(render.folder(try t.restore(folder: f, into: restoreTo)).json) }
                for f in files { restored.append(render.file(try t.restore(file: f, into: restoreTo)).json) }
                if let restoreTo {
                    return .json(JSONObject([("metadata", render.folder(try FolderRow.fetchOne(t.db, key: restoreTo.fid)!).json)]))
                }
                return .json(JSONObject([("restored", .array(restored))]))
            }
            let target = try trashItem(p, t)
            switch target.row {
            case .file(let f):
                return .json(JSONObject([("metadata", render.file(try t.restore(file: f, into: restoreTo)).json)]))
            case .folder(let f):
                let folder = try t.restore(folder: f, into: restoreTo)
                let contents: [JSON]? = wantContents
                    ? try t.childFolders(folder.fid).map { render.folder($0).json } + t.childFiles(folder.fid).map { render.file($0).json }
                    : nil
                return .json(JSONObject([("metadata", render.folder(folder, contents: contents).json)]))
            }
        }
    }

    struct TrashTarget {
        let row: Item
        let parent: Int64
        let name: String
        var isFolder: Bool { if case .folder = row { return true } else { return false } }
    }

    /// A top-level trash item by `fileid` or `folderid`.
    static func trashItem(_ p: Params, _ t: Tree) throws -> TrashTarget {
        if let id = try p.int64("fileid", invalid: 1018) {
            let f = try t.file(id, deleted: true)
            return TrashTarget(row: .file(f), parent: f.parentid, name: f.name)
        }
        if let id = try p.int64("folderid", invalid: 1017), id != 0 {
            let f = try t.folder(id, deleted: true)
            return TrashTarget(row: .folder(f), parent: f.parentid ?? t.rootid, name: f.name)
        }
        throw APIError(1053)
    }

    /// Deletes for good: one trashed file or folder, or with `folderid=0` the whole trash.
    /// Only the content those items held is then looked at for collection, so content that a
    /// concurrent upload is about to reference is never swept.
    static func clear(_ call: Call) async throws -> Reply {
        let p = call.params
        let purged = try await call.write { t -> [String] in
            let uid = t.user.uid
            var fileIDs: [Int64] = [], folderIDs: [Int64] = []
            if let fileid = try p.int64("fileid", invalid: 1018) {
                fileIDs = [try t.file(fileid, deleted: true).fid]
            } else if let folderid = try p.int64("folderid", invalid: 1017) {
                if folderid == 0 {
                    fileIDs = try Int64.fetchAll(t.db, sql: "SELECT id FROM files WHERE ownerid = ? AND deleted = 1", arguments: [uid])
                    folderIDs = try Int64.fetchAll(t.db, sql: "SELECT id FROM folders WHERE ownerid = ? AND deleted = 1", arguments: [uid])
                } else {
                    var queue = [try t.folder(folderid, deleted: true).fid]
                    while let id = queue.popLast() {
                        folderIDs.append(id)
                        queue += try Int64.fetchAll(t.db, sql: "SELECT id FROM folders WHERE parentid = ? AND deleted = 1", arguments: [id])
                        fileIDs += try Int64.fetchAll(t.db, sql: "SELECT id FROM files WHERE parentid = ? AND deleted = 1", arguments: [id])
                    }
                }
            } else {
                throw APIError(1053)
            }
            var keys: [String] = []
            for id in fileIDs {
                keys += try String.fetchAll(t.db, sql: "SELECT blob FROM files WHERE id = ? UNION SELECT blob FROM revisions WHERE fileid = ?", arguments: [id, id])
                try t.db.execute(sql: "DELETE FROM revisions WHERE fileid = ?", arguments: [id])
                try t.db.execute(sql: "DELETE FROM files WHERE id = ?", arguments: [id])
            }
            for id in folderIDs { try t.db.execute(sql: "DELETE FROM folders WHERE id = ?", arguments: [id]) }
            return Array(Set(keys))
        }
        try await call.store.collectGarbage(keys: purged)
        return .ok
    }
}
