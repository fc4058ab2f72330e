import GRDB

enum FolderMethods {
    static let methods: [String: MethodSpec] = [
        "createfolder": MethodSpec(auth: .user) { call in try await create(call, ifNotExists: false) },
        "createfolderifnotexists": MethodSpec(auth: .user) { call in try await create(call, ifNotExists: true) },
        "listfolder": MethodSpec(auth: .user, handler: listfolder),
        "renamefolder": MethodSpec(auth: .user, handler: renamefolder),
        "deletefolder": MethodSpec(auth: .user) { call in try await delete(call, recursive: false) },
        "deletefolderrecursive": MethodSpec(auth: .user) { call in try await delete(call, recursive: true) },
        "copyfolder": MethodSpec(auth: .user, handler: copyfolder),
    ]

    static func create(_ call: Call, ifNotExists: Bool) async throws -> Reply {
        let p = call.params, render = call.render
        let (folder, created) = try await call.write { t -> (FolderRow, Bool) in
            let (parent, name) = try p.newItem(in: t)
            if let existing = try t.childFolder(parent.fid, name) {
                guard ifNotExists else { throw APIError(2004) }
                return (existing, false)
            }
            return (try t.createFolder(in: parent, name: name), true)
        }
        var o = JSONObject([("metadata", render.folder(folder, path: p["path"]).json)])
        if ifNotExists { o["created"] = .bool(created) }
        return .json(o)
    }

    static func listfolder(_ call: Call) async throws -> Reply {
        let p = call.params, render = call.render
        let recursive = p.bool("recursive"), nofiles = p.bool("nofiles"), showdeleted = p.bool("showdeleted")
        let limit = call.env.config.recursiveListLimit, maxDepth = call.env.config.recursiveListDepth
        let metadata = try await call.read { t -> JSON in
            let folder = try p.folder(in: t)
            // The live service refuses the root and big or deep trees (REAL-SERVICE.md §6).
            if recursive && folder.fid == t.rootid { throw APIError(5000) }
            var listed = 0
            func count() throws {
                listed += 1
                if recursive && listed > limit { throw APIError(5000) }
            }
            func contents(of folder: FolderRow, depth: Int) throws -> [JSON] {
                if depth > maxDepth { throw APIError(5000) }
                var out: [JSON] = []
                var folders = try t.childFolders(folder.fid)
                if showdeleted { folders += try t.childFolders(folder.fid, deleted: true).filter(\.trashtop) }
                for sub in folders {
                    try count()
                    let inner = recursive && !sub.deleted ? try contents(of: sub, depth: depth + 1) : nil
                    out.append(render.folder(sub, contents: inner).json)
                }
                if !nofiles {
                    var files = try t.childFiles(folder.fid)
                    if showdeleted { files += try t.childFiles(folder.fid, deleted: true).filter(\.trashtop) }
                    for file in files {
                        try count()
                        out.append(render.file(file).json)
                    }
                }
                return out
            }
            let path = folder.fid == t.rootid ? "/" : (p["path"] != nil ? try t.path(ofFolder: folder) : nil)
            return render.folder(folder, path: path, contents: try contents(of: folder, depth: 0)).json
        }
        return .json(JSONObject([("metadata", metadata)]))
    }

    static func renamefolder(_ call: Call) async throws -> Reply {
        let p = call.params, render = call.render
        let folder = try await call.write { t -> FolderRow in
            var folder = try p.folder(in: t)
            guard let oldParent = folder.parentid else { throw APIError(2042) }
            // The recipient of a share moves or renames only where it sits in their tree.
            if folder.ownerid != t.user.uid, let mount = t.shares.incoming.first(where: { $0.folderid == folder.fid }) {
                guard let (target, name) = try p.destination(in: t, sourceParent: mount.mountid ?? t.rootid,
                                                             sourceName: mount.mountname ?? folder.name)
                else { throw APIError(1037) }
                guard target.ownerid == t.user.uid else { throw APIError(2023, "You are trying to place shared folder into another shared folder.") }
                if try t.childFolder(target.fid, name) != nil { throw APIError(2004) }
                try t.db.execute(sql: "UPDATE shares SET mountid = ?, mountname = ? WHERE shareid = ?",
                                 arguments: [target.fid, name, mount.shareid])
                return folder
            }
            guard let (target, name) = try p.destination(in: t, sourceParent: oldParent, sourceName: folder.name)
            else { throw APIError(1037) }
            if target.fid == folder.parentid && name == folder.name { return folder }
            if try t.isWithin(target.fid, folder.fid) { throw APIError(2043) }
            if try t.childFolder(target.fid, name) != nil { throw APIError(2004) }
            try t.requireMove(from: oldParent, to: target)
            if target.ownerid != folder.ownerid { throw APIError(2003) }
            let now = Dates.now()
            folder.parentid = target.fid
            folder.name = name
            try folder.update(t.db)
            try t.event("modifyfolder", .folder(folder), time: now)
            try t.touch(oldParent, at: now)
            if target.fid != oldParent { try t.touch(target.fid, at: now) }
            return folder
        }
        // A renamed mount shows under its new name: look at the shares again.
        var after = render
        if folder.ownerid != call.user.uid {
            after.shares = try await call.store.read { db in try ShareContext.load(db, user: call.user.uid) }
        }
        return .json(JSONObject([("metadata", after.folder(folder).json)]))
    }

    static func delete(_ call: Call, recursive: Bool) async throws -> Reply {
        let p = call.params, render = call.render
        return try await call.write { t -> Reply in
            let folder = try p.folder(in: t)
            guard folder.parentid != nil else { throw APIError(2007) }
            // Deleting a folder shared with you leaves the share; the owner's files stay.
            if folder.ownerid != t.user.uid, let mount = t.shares.incoming.first(where: { $0.folderid == folder.fid }) {
                try t.db.execute(sql: "DELETE FROM shares WHERE shareid = ?", arguments: [mount.shareid])
                return recursive ? .json(JSONObject([("deletedfiles", 0), ("deletedfolders", 0)]))
                    : .json(JSONObject([("metadata", render.folder(folder).json)]))
            }
            if recursive {
                let (folders, files) = try t.trash(folder: folder)
                return .json(JSONObject([("deletedfiles", .int(files)), ("deletedfolders", .int(folders))]))
            }
            if try !t.childFolders(folder.fid).isEmpty || !t.childFiles(folder.fid).isEmpty { throw APIError(2006) }
            _ = try t.trash(folder: folder)
            var deleted = folder
            deleted.deleted = true
            return .json(JSONObject([("metadata", render.folder(deleted).json)]))
        }
    }

    static func copyfolder(_ call: Call) async throws -> Reply {
        let p = call.params, render = call.render
        let noover = p.bool("noover"), skip = p.bool("skipexisting"), contentOnly = p.bool("copycontentonly")
        let result = try await call.write { t -> FolderRow in
            let source = try p.folder(in: t)
            let target: FolderRow
            if contentOnly {
                if let id = try p.int64("tofolderid", invalid: 1017) { target = try t.folder(id) }
                else if let path = p["topath"] { target = try t.folder(path: path) }
                else { throw APIError(1016) }
            } else {
                let (parent, name): (FolderRow, String)
                if let topath = p["topath"], !topath.hasSuffix("/") {
                    (parent, name) = try t.parentAndName(path: topath)
                } else if let topath = p["topath"] {
                    (parent, name) = (try t.folder(path: topath), p["toname"] ?? source.name)
                } else if let id = try p.int64("tofolderid", invalid: 1017) {
                    guard let f = try? t.folder(id) else { throw APIError(2208) }
                    (parent, name) = (f, p["toname"] ?? source.name)
                } else {
                    throw APIError(1016)
                }
                _ = try Tree.validName(name)
                if parent.fid == source.fid { throw APIError(2206) }
                if try t.isWithin(parent.fid, source.fid) { throw APIError(2207) }
                target = try t.childFolder(parent.fid, name) ?? t.createFolder(in: parent, name: name)
            }
            if target.fid == source.fid { throw APIError(2206) }
            if try t.isWithin(target.fid, source.fid) { throw APIError(2207) }
            try t.copyContents(of: source, into: target, noover: noover, skipExisting: skip)
            return try FolderRow.fetchOne(t.db, key: target.fid)!
        }
        return .json(JSONObject([("metadata", render.folder(result).json)]))
    }
}
