import GRDB

enum FileMethods {
    static let methods: [String: MethodSpec] = [
        "copyfile": MethodSpec(auth: .user, handler: copyfile),
        "renamefile": MethodSpec(auth: .user, handler: renamefile),
        "deletefile": MethodSpec(auth: .user) { call in
            let p = call.params, render = call.render
            let file = try await call.write { t in try t.trash(file: try p.file(in: t)) }
            return .json(JSONObject([("metadata", render.file(file).json)]))
        },
        "checksumfile": MethodSpec(auth: .user, handler: checksumfile),
        "stat": MethodSpec(auth: .user, handler: stat),
    ]

    /// Copies a file (or, with `revisionid`, one of its revisions). Copying a file onto itself
    /// only sets its times: that is how rclone sets a modification time.
    static func copyfile(_ call: Call) async throws -> Reply {
        let p = call.params, render = call.render
        let (mtime, ctime) = try p.times()
        let noover = p.bool("noover")
        let file = try await call.write { t -> FileRow in
            let source = try p.file(in: t)
            let content = try Revisions.content(of: source, params: p, in: t)
            guard let (target, name) = try p.destination(in: t, sourceParent: source.parentid, sourceName: source.name)
            else { throw APIError(1016) }
            if target.fid == source.parentid && name == source.name && !p.has("revisionid") {
                try t.require(2, in: target)
                var file = source
                if let mtime { file.modified = mtime }
                if let ctime { file.created = ctime }
                try file.update(t.db)
                try t.event("modifyfile", .file(file))
                return file
            }
            if noover, try t.childFile(target.fid, name) != nil { throw APIError(2004) }
            return try t.putFile(in: target, name: name, content: content, mtime: mtime ?? source.modified, ctime: ctime)
        }
        return .json(JSONObject([("metadata", render.file(file).json)]))
    }

    /// Moves or renames; an existing file of the target name is replaced atomically and its id
    /// is reported as `deletedfileid`.
    static func renamefile(_ call: Call) async throws -> Reply {
        let p = call.params, render = call.render
        let (file, replaced) = try await call.write { t -> (FileRow, Int64?) in
            var file = try p.file(in: t)
            guard let (target, name) = try p.destination(in: t, sourceParent: file.parentid, sourceName: file.name)
            else { throw APIError(1037) }
            if target.fid == file.parentid && name == file.name { return (file, nil) }
            try t.requireMove(from: file.parentid, to: target)
            if target.ownerid != file.ownerid { throw APIError(2003) }
            var replaced: Int64?
            if let existing = try t.childFile(target.fid, name) {
                _ = try t.trash(file: existing)
                replaced = existing.fid
            }
            let now = Dates.now(), oldParent = file.parentid
            file.parentid = target.fid
            file.name = name
            try file.update(t.db)
            try t.event("modifyfile", .file(file), time: now)
            try t.touch(oldParent, at: now)
            if oldParent != target.fid { try t.touch(target.fid, at: now) }
            return (file, replaced)
        }
        var metadata = render.file(file)
        if let replaced { metadata["deletedfileid"] = .int(replaced) }
        return .json(JSONObject([("metadata", metadata.json)]))
    }

    static func checksumfile(_ call: Call) async throws -> Reply {
        let p = call.params, render = call.render, region = call.env.config.region
        let (file, blob) = try await call.read { t -> (FileRow, BlobRow) in
            let file = try p.file(in: t)
            let content = try Revisions.content(of: file, params: p, in: t)
            guard let blob = try BlobRow.fetchOne(t.db, key: content.blob) else { throw APIError(5000) }
            return (file, blob)
        }
        let (md5, sha256) = try await digests(blob, region: region, store: call.store)
        var o = JSONObject([("sha1", .string(blob.sha1))])
        switch region {
        case .us: o["md5"] = .string(md5)
        case .eu: o["sha256"] = .string(sha256)
        }
        o["metadata"] = render.file(file).json
        return .json(o)
    }

    /// The region's second digest, computed once if the blob was stored under the other region.
    static func digests(_ blob: BlobRow, region: Region, store: Store) async throws -> (md5: String, sha256: String) {
        if region == .us, let md5 = blob.md5 { return (md5, blob.sha256 ?? "") }
        if region == .eu, let sha256 = blob.sha256 { return (blob.md5 ?? "", sha256) }
        let d = try store.blobs.digests(of: blob.key)
        try await store.write { db in
            try db.execute(sql: "UPDATE blobs SET md5 = ?, sha256 = ? WHERE key = ?", arguments: [d.md5, d.sha256, blob.key])
        }
        return (d.md5 ?? "", d.sha256 ?? "")
    }

    /// A file by id or path; by path a folder is answered too. A missing path is 2055, as
    /// the live service answers (PY's `file_exists` relies on it).
    static func stat(_ call: Call) async throws -> Reply {
        let p = call.params, render = call.render
        let metadata = try await call.read { t -> JSON in
            if let id = try p.int64("fileid", invalid: 1018) { return render.file(try t.file(id)).json }
            guard let path = p["path"] else { throw APIError(1004) }
            do {
                let file = try t.file(path: path)
                return render.file(file, path: path).json
            } catch let e as APIError where e.code == 2009 || e.code == 2002 {
                if let folder = try? t.folder(path: path) { return render.folder(folder, path: path).json }
                throw APIError(2055)
            }
        }
        return .json(JSONObject([("metadata", metadata)]))
    }
}

/// The global `revisionid` parameter: act on an old revision of a file instead of its current content.
enum Revisions {
    static func content(of file: FileRow, params: Params, in t: Tree) throws -> Content {
        guard let revisionid = try params.int64("revisionid", invalid: 2029) else { return Content(file) }
        guard let rev = try RevisionRow.fetchOne(t.db, sql: "SELECT * FROM revisions WHERE id = ? AND fileid = ?",
                                                 arguments: [revisionid, file.fid])
        else { throw APIError(2029) }
        return Content(blob: rev.blob, size: rev.size, hash: rev.hash)
    }
}
