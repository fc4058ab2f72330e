import GRDB

/// Every overwrite keeps the old content as a revision (`Tree.putFile`); these list and revert.
enum RevisionMethods {
    static let methods: [String: MethodSpec] = [
        "listrevisions": MethodSpec(auth: .user) { call in
            let p = call.params, render = call.render, tf = call.tf
            return try await call.read { t -> Reply in
                let file = try p.file(in: t)
                let rows = try RevisionRow.fetchAll(t.db, sql: "SELECT * FROM revisions WHERE fileid = ? ORDER BY id DESC",
                                                    arguments: [file.fid])
                let revisions: [JSON] = rows.map {
                    .object([("revisionid", .int($0.id!)), ("size", .int($0.size)),
                             ("hash", .uint(UInt64(bitPattern: $0.hash))), ("created", tf.json($0.created))])
                }
                return .json(JSONObject([("revisions", .array(revisions)), ("metadata", render.file(file).json)]))
            }
        },
        "revertrevision": MethodSpec(auth: .user) { call in
            let p = call.params, render = call.render
            guard p.has("revisionid") else { throw APIError(2029) }
            let file = try await call.write { t -> FileRow in
                let file = try p.file(in: t)
                let content = try Revisions.content(of: file, params: p, in: t)
                let parent = try t.folder(t.wire(file.parentid))
                return try t.putFile(in: parent, name: file.name, content: content, mtime: nil, ctime: nil)
            }
            return .json(JSONObject([("metadata", render.file(file).json)]))
        },
    ]
}
