import GRDB

/// Upload links: a folder others can drop files into without an account. Uploads through a link
/// are always renamed on a clash and count against the link's `maxfiles`/`maxspace`.
enum UploadLinkMethods {
    static let methods: [String: MethodSpec] = [
        "createuploadlink": MethodSpec(auth: .user, handler: create),
        "listuploadlinks": MethodSpec(auth: .user, handler: list),
        "deleteuploadlink": MethodSpec(auth: .user) { call in
            try await change(call) { link, _ in link.deleted = true }
            return .ok
        },
        "changeuploadlink": MethodSpec(auth: .user) { call in
            let p = call.params
            let expire = try p["expire"].map(InputDates.parse)
            let maxspace = try p.int64("maxspace"), maxfiles = try p.int64("maxfiles")
            try await change(call) { link, _ in
                if let expire { link.expires = expire }
                if p.bool("deleteexpire") { link.expires = nil }
                if let maxspace { link.maxspace = maxspace > 0 ? maxspace : nil }
                if let maxfiles { link.maxfiles = maxfiles > 0 ? maxfiles : nil }
            }
            return .ok
        },
        "showuploadlink": MethodSpec(auth: .none) { call in
            let (link, _) = try await resolve(call)
            return .json(JSONObject([("comment", .string(link.comment)), ("mail", .string(mail(link.code)))]))
        },
        "uploadtolink": MethodSpec(auth: .none, handler: uploadtolink),
        "uploadlinkprogress": MethodSpec(auth: .none) { call in
            guard call.params["code"] != nil else { throw APIError(1022) }
            guard let hash = call.params["progresshash"], let e = call.env.linkUploads.get(hash) else { throw APIError(1900) }
            var o = JSONObject([("total", .int(e.total)), ("uploaded", .int(e.uploaded)), ("finished", .bool(e.finished))])
            if !e.finished, let name = e.currentFile {
                o["currentfile"] = .string(name)
                o["currentfileuploaded"] = .int(e.currentFileUploaded)
            }
            return .json(o)
        },
        "copytolink": MethodSpec(auth: .user) { call in
            let p = call.params
            let (link, owner) = try await resolve(call)
            let source = try await call.read { t in try p.file(in: t) }
            try await save(link: link, owner: owner, name: p["toname"] ?? source.name, content: Content(source), store: call.store)
            return .ok
        },
    ]

    static func mail(_ code: String) -> String { "\(code.lowercased())@upload.sandbox.pcmd" }

    static func create(_ call: Call) async throws -> Reply {
        let p = call.params
        guard call.user.emailverified else { throw APIError(2014) }
        let expires = try p["expire"].map(InputDates.parse)
        let maxspace = try p.int64("maxspace"), maxfiles = try p.int64("maxfiles")
        let link = try await call.write { t -> UploadLinkRow in
            let folder = try p.folder(in: t)
            guard let comment = p["comment"] else { throw APIError(1035, "Please provide 'comment'.") }
            guard folder.ownerid == t.user.uid else { throw APIError(2039, "You have to own the folder for upload.") }
            let now = Dates.now()
            var row = UploadLinkRow(code: Tokens.random(length: 30), ownerid: t.user.uid, folderid: folder.fid, comment: comment,
                                    created: now, modified: now, expires: expires,
                                    maxspace: maxspace.flatMap { $0 > 0 ? $0 : nil }, maxfiles: maxfiles.flatMap { $0 > 0 ? $0 : nil })
            try row.insert(t.db)
            return row
        }
        return .json(JSONObject([("uploadlinkid", .int(link.id!)), ("link", .string(url(call, link.code))),
                                 ("mail", .string(mail(link.code))), ("code", .string(link.code))]))
    }

    static func url(_ call: Call, _ code: String) -> String {
        "\(call.env.contentScheme)://\(call.env.contentHost(for: call.origin))/uploadlink/show?code=\(code)"
    }

    static func list(_ call: Call) async throws -> Reply {
        let render = call.render, tf = call.tf
        let links = try await call.read { t -> [JSON] in
            try UploadLinkRow.fetchAll(t.db, sql: "SELECT * FROM uploadlinks WHERE ownerid = ? AND deleted = 0 ORDER BY id",
                                       arguments: [t.user.uid]).map { link in
                var o = JSONObject([("uploadlinkid", .int(link.id!)), ("link", .string(url(call, link.code))),
                                    ("mail", .string(mail(link.code))), ("code", .string(link.code)),
                                    ("comment", .string(link.comment)), ("files", .int(link.files)), ("space", .int(link.space)),
                                    ("created", tf.json(link.created)), ("modified", tf.json(link.modified))])
                if let folder = try? t.folder(t.wire(link.folderid)) { o["metadata"] = render.folder(folder).json }
                if let e = link.expires { o["expires"] = tf.json(e) }
                if let m = link.maxspace { o["maxspace"] = .int(m) }
                if let m = link.maxfiles { o["maxfiles"] = .int(m) }
                return o.json
            }
        }
        return .json(JSONObject([("uploadlinks", .array(links))]))
    }

    static func change(_ call: Call, _ edit: @escaping @Sendable (inout UploadLinkRow, Database) throws -> Void) async throws {
        guard let id = try call.params.int64("uploadlinkid", invalid: 2040) else { throw APIError(1036, "Please provide 'uploadlinkid'.") }
        try await call.write { t in
            guard var link = try UploadLinkRow.fetchOne(t.db, sql: "SELECT * FROM uploadlinks WHERE id = ? AND ownerid = ? AND deleted = 0",
                                                        arguments: [id, t.user.uid])
            else { throw APIError(2040, "Given 'uploadlinkid' not found.") }
            try edit(&link, t.db)
            link.modified = Dates.now()
            try link.update(t.db)
        }
    }

    /// The live link behind `code` and its owner: 7002 deleted, 7004 expired, 7007/7008 full.
    static func resolve(_ call: Call) async throws -> (UploadLinkRow, UserRow) {
        guard let code = call.params["code"] else { throw APIError(1022) }
        return try await call.store.read { db in
            guard let link = try UploadLinkRow.fetchOne(db, sql: "SELECT * FROM uploadlinks WHERE code = ?", arguments: [code]),
                  let owner = try UserRow.fetchOne(db, key: link.ownerid) else { throw APIError(7001, "Invalid link 'code'.") }
            try check(link)
            return (link, owner)
        }
    }

    static func check(_ link: UploadLinkRow, adding bytes: Int64 = 0, files: Int64 = 0) throws {
        if link.deleted { throw APIError(7002, "This link is deleted by the owner.") }
        if let e = link.expires, e < Dates.now() { throw APIError(7004, "This link has expired.") }
        if let m = link.maxspace, link.space + bytes > m || (bytes == 0 && link.space >= m) {
            throw APIError(7007, "This link has reached its space limit.")
        }
        if let m = link.maxfiles, link.files + files > m || (files == 0 && link.files >= m) {
            throw APIError(7008, "This link has reached its file limit.")
        }
    }

    /// Saves one file into the link's folder as its owner, renamed on a clash, and counts it.
    @discardableResult
    static func save(link: UploadLinkRow, owner: UserRow, name: String, content: Content, store: Store) async throws -> FileRow {
        try await store.write { db in
            guard let current = try UploadLinkRow.fetchOne(db, key: link.id) else { throw APIError(7002) }
            try check(current, adding: content.size, files: 1)
            let t = try Tree(db: db, user: owner)
            let file = try t.putFile(in: try t.folder(t.wire(link.folderid)), name: try Tree.validName(name), content: content,
                                     mtime: nil, ctime: nil, renameIfExists: true)
            try db.execute(sql: "UPDATE uploadlinks SET files = files + 1, space = space + ? WHERE id = ?", arguments: [content.size, link.id])
            return file
        }
    }

    static func uploadtolink(_ call: Call) async throws -> Reply {
        let (link, owner) = try await resolve(call)
        try await UploadReceiver(call: call, progress: call.env.linkUploads).receive { name, blob in
            let file = try await save(link: link, owner: owner, name: name, content: Content(blob), store: call.store)
            return MetadataRenderer(rootid: owner.rootid, tf: call.tf).file(file).json
        }
        return .ok
    }
}
