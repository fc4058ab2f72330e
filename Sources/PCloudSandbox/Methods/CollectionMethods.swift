import GRDB

/// Collections (playlists): ordered lists of the user's files. A system collection is made on
/// the first `collection_list` and cannot be renamed or deleted (2065). Items that became
/// unreachable (trashed) are left out of listings.
enum CollectionMethods {
    static let notFound = APIError(2065, "Collection not found.")

    static let methods: [String: MethodSpec] = [
        "collection_list": MethodSpec(auth: .user) { call in
            let p = call.params, render = call.render, tf = call.tf
            let type = try p.int64("type", invalid: 1058), showFiles = p.bool("showfiles")
            return try await call.write { t -> Reply in
                if try CollectionRow.filter(Column("ownerid") == t.user.uid && Column("system") == true).fetchCount(t.db) == 0 {
                    let now = Dates.now()
                    var system = CollectionRow(ownerid: t.user.uid, name: "Most Listened", type: 1, system: true, created: now, modified: now)
                    try system.insert(t.db)
                }
                var rows = try CollectionRow.fetchAll(t.db, sql: "SELECT * FROM collections WHERE ownerid = ? ORDER BY id", arguments: [t.user.uid])
                if let type { rows = rows.filter { $0.type == type } }
                return .json(JSONObject([("collections", .array(try rows.map { try object($0, t, render: render, tf: tf, contents: showFiles).json }))]))
            }
        },
        "collection_details": MethodSpec(auth: .user) { call in
            let o = try await withCollection(call) { c, t, render, tf in
                let page = Int(try call.params.int64("page") ?? 0), size = Int(try call.params.int64("pagesize") ?? 0)
                var o = try object(c, t, render: render, tf: tf, contents: true)
                if page > 0, size > 0, case .array(let items)? = o["contents"] {
                    o["contents"] = .array(Array(items.dropFirst((page - 1) * size).prefix(size)))
                }
                return o
            }
            return .json(JSONObject([("collection", o.json)]))
        },
        "collection_create": MethodSpec(auth: .user) { call in
            let p = call.params, render = call.render, tf = call.tf
            guard let name = p["name"], !name.isEmpty else { throw APIError(1039, "Please provide 'name'.") }
            let type = try p.int64("type", invalid: 1058) ?? 1
            guard type == 1 else { throw APIError(1058, "Please provide valid collection 'type'.") }
            let fileids = try p.ids("fileids", invalid: 1018)
            return try await call.write { t -> Reply in
                if try CollectionRow.filter(Column("ownerid") == t.user.uid && Column("name") == name).fetchCount(t.db) > 0 {
                    throw APIError(2073, "The name for the collection is already used.")
                }
                let now = Dates.now()
                var row = CollectionRow(ownerid: t.user.uid, name: name, type: type, system: false, created: now, modified: now)
                try row.insert(t.db)
                var o = JSONObject([("collection", try object(row, t, render: render, tf: tf, contents: false).json)])
                if !fileids.isEmpty { o["linkresult"] = .array(try link(fileids, into: row, t, render: render, tf: tf)) }
                return .json(o)
            }
        },
        "collection_rename": MethodSpec(auth: .user) { call in
            guard let name = call.params["name"], !name.isEmpty else { throw APIError(1039, "Please provide 'name'.") }
            let o = try await withCollection(call, editable: true) { c, t, render, tf in
                var c = c
                c.name = name
                c.modified = Dates.now()
                try c.update(t.db)
                return try object(c, t, render: render, tf: tf, contents: false)
            }
            return .json(JSONObject([("collection", o.json)]))
        },
        "collection_delete": MethodSpec(auth: .user) { call in
            _ = try await withCollection(call, editable: true) { c, t, _, _ in
                try t.db.execute(sql: "DELETE FROM collectionitems WHERE collectionid = ?", arguments: [c.id])
                _ = try c.delete(t.db)
                return JSONObject()
            }
            return .ok
        },
        "collection_linkfiles": MethodSpec(auth: .user) { call in
            let ids = try call.params.ids("fileids", invalid: 1018)
            guard !ids.isEmpty else { throw APIError(1038, "Please provide 'fileids'.") }
            let o = try await withCollection(call, editable: true) { c, t, render, tf in
                let results = try link(ids, into: c, t, render: render, tf: tf)
                return JSONObject([("collection", try object(c, t, render: render, tf: tf, contents: false).json),
                                   ("linkresult", .array(results))])
            }
            return .json(o)
        },
        "collection_unlinkfiles": MethodSpec(auth: .user) { call in
            let p = call.params
            let o = try await withCollection(call, editable: true) { c, t, render, tf in
                if let positions = p["positions"] {
                    let list = positions.split(separator: ",").compactMap { Int64($0) }
                    for pos in list { try t.db.execute(sql: "DELETE FROM collectionitems WHERE collectionid = ? AND position = ?", arguments: [c.id, pos]) }
                } else if p.bool("all") {
                    try t.db.execute(sql: "DELETE FROM collectionitems WHERE collectionid = ?", arguments: [c.id])
                } else {
                    let ids = try p.ids("fileids", invalid: 1018)
                    guard !ids.isEmpty else { throw APIError(1038, "Please provide 'fileids'.") }
                    for id in ids { try t.db.execute(sql: "DELETE FROM collectionitems WHERE collectionid = ? AND fileid = ?", arguments: [c.id, id]) }
                }
                try renumber(c, t)
                return try object(c, t, render: render, tf: tf, contents: false)
            }
            return .json(JSONObject([("collection", o.json)]))
        },
        "collection_move": MethodSpec(auth: .user) { call in
            let p = call.params
            guard let to = try p.int64("position", invalid: 2066) else { throw APIError(1060, "Please provide 'position'.") }
            _ = try await withCollection(call, editable: true) { c, t, _, _ in
                var order = try Int64.fetchAll(t.db, sql: "SELECT fileid FROM collectionitems WHERE collectionid = ? ORDER BY position", arguments: [c.id])
                let from: Int
                if let item = try p.int64("item", invalid: 2066) { from = Int(item) - 1 }
                else if let fileid = try p.int64("fileid", invalid: 2066), let i = order.firstIndex(of: fileid) { from = i }
                else if p.has("fileid") { throw APIError(2066, "Item could not be moved in the collection - invalid parameters.") }
                else { throw APIError(1059, "Please provide 'item'.") }
                guard order.indices.contains(from), (1...order.count).contains(Int(to)) else {
                    throw APIError(2066, "Item could not be moved in the collection - invalid parameters.")
                }
                order.insert(order.remove(at: from), at: Int(to) - 1)
                for (i, fileid) in order.enumerated() {
                    try t.db.execute(sql: "UPDATE collectionitems SET position = ? WHERE collectionid = ? AND fileid = ?", arguments: [i + 1, c.id, fileid])
                }
                return JSONObject()
            }
            return .ok
        },
    ]

    static func withCollection(_ call: Call, editable: Bool = false,
                               _ body: @escaping @Sendable (CollectionRow, Tree, MetadataRenderer, TimeFormat) throws -> JSONObject) async throws -> JSONObject {
        guard let id = try call.params.int64("collectionid", invalid: 2065) else { throw APIError(1057, "Please provide 'collectionid'.") }
        let render = call.render, tf = call.tf
        return try await call.write { t in
            guard let c = try CollectionRow.fetchOne(t.db, sql: "SELECT * FROM collections WHERE id = ? AND ownerid = ?", arguments: [id, t.user.uid]),
                  !(editable && c.system) else { throw notFound }
            return try body(c, t, render, tf)
        }
    }

    static func link(_ ids: [Int64], into c: CollectionRow, _ t: Tree, render: MetadataRenderer, tf: TimeFormat) throws -> [JSON] {
        var next = (try Int64.fetchOne(t.db, sql: "SELECT COALESCE(MAX(position), 0) FROM collectionitems WHERE collectionid = ?", arguments: [c.id]) ?? 0) + 1
        return try ids.map { id in
            guard let file = try? t.file(id) else {
                return .object([("fileid", .int(id)), ("result", 2009), ("message", "File not found.")])
            }
            if try Bool.fetchOne(t.db, sql: "SELECT EXISTS(SELECT 1 FROM collectionitems WHERE collectionid = ? AND fileid = ?)", arguments: [c.id, id]) == true {
                return .object([("fileid", .int(id)), ("result", 2072), ("message", "File already in the collection.")])
            }
            let now = Dates.now()
            try t.db.execute(sql: "INSERT INTO collectionitems (collectionid, fileid, position, added) VALUES (?, ?, ?, ?)", arguments: [c.id, id, next, now])
            var meta = render.file(file)
            meta["position"] = .int(next)
            meta["added"] = tf.json(now)
            next += 1
            return .object([("fileid", .int(id)), ("result", 0), ("metadata", meta.json)])
        }
    }

    static func renumber(_ c: CollectionRow, _ t: Tree) throws {
        let order = try Int64.fetchAll(t.db, sql: "SELECT fileid FROM collectionitems WHERE collectionid = ? ORDER BY position", arguments: [c.id])
        for (i, fileid) in order.enumerated() {
            try t.db.execute(sql: "UPDATE collectionitems SET position = ? WHERE collectionid = ? AND fileid = ?", arguments: [i + 1, c.id, fileid])
        }
    }

    static func object(_ c: CollectionRow, _ t: Tree, render: MetadataRenderer, tf: TimeFormat, contents: Bool) throws -> JSONObject {
        let rows = try Row.fetchAll(t.db, sql: "SELECT fileid, position, added FROM collectionitems WHERE collectionid = ? ORDER BY position", arguments: [c.id])
        var items: [JSON] = []
        for row in rows {
            guard let file = try? t.file(row["fileid"]) else { continue }   // trashed or unshared: left out
            var meta = render.file(file)
            meta["position"] = .int(row["position"] as Int64)
            meta["added"] = tf.json(row["added"])
            items.append(meta.json)
        }
        var o = JSONObject([("id", .int(c.id!)), ("name", .string(c.name)), ("type", "audio"), ("system", .bool(c.system)),
                            ("ismine", true), ("items", .int(items.count)), ("created", tf.json(c.created)), ("modified", tf.json(c.modified))])
        if contents { o["contents"] = .array(items) }
        return o
    }
}
