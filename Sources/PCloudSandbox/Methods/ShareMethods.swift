import GRDB

/// Sharing folders between sandbox users: a request (`sharefolder`) that the recipient accepts
/// (the folder then appears in their tree) or declines; permissions are bits — 1 create,
/// 2 modify, 4 delete, 0 read-only — enforced on every write through the share (`Tree.require`).
enum ShareMethods {
    static let methods: [String: MethodSpec] = [
        "sharefolder": MethodSpec(auth: .user, handler: sharefolder),
        "listshares": MethodSpec(auth: .user, handler: listshares),
        "sharerequestinfo": MethodSpec(auth: .none) { call in
            guard let code = call.params["code"] else { throw APIError(1022) }
            let row = try await call.store.read { db in
                try ShareRow.fetchOne(db, sql: "SELECT * FROM shares WHERE code = ? AND accepted = 0", arguments: [code])
            }
            guard let row else { throw APIError(2021, messages2021) }
            return .json(JSONObject([("share", try await object(row, incoming: true, call: call).json)]))
        },
        "cancelsharerequest": MethodSpec(auth: .user) { call in
            guard let id = try call.params.int64("sharerequestid", invalid: 2021) else { throw APIError(1026, "Please provide 'sharerequestid'.") }
            let uid = call.user.uid
            try await call.store.write { db in
                guard let row = try ShareRow.fetchOne(db, sql: "SELECT * FROM shares WHERE id = ? AND fromuserid = ? AND accepted = 0", arguments: [id, uid])
                else { throw APIError(2021, messages2021) }
                try db.execute(sql: "DELETE FROM shares WHERE id = ?", arguments: [id])
                try ShareEvents.record("cancelled", row, db: db)
            }
            return .ok
        },
        "acceptshare": MethodSpec(auth: .user, handler: acceptshare),
        "declineshare": MethodSpec(auth: .user) { call in
            let request = try await pendingRequest(call)
            try await call.store.write { db in
                try db.execute(sql: "DELETE FROM shares WHERE id = ?", arguments: [request.id])
                var row = request
                row.touserid = call.user.uid
                try ShareEvents.record("declined", row, db: db)
            }
            return .ok
        },
        "removeshare": MethodSpec(auth: .user) { call in
            guard let shareid = try call.params.int64("shareid", invalid: 2025) else { throw APIError(1027, "Please provide 'shareid'.") }
            let uid = call.user.uid
            try await call.store.write { db in
                guard let row = try ShareRow.fetchOne(db, sql: "SELECT * FROM shares WHERE shareid = ? AND (fromuserid = ? OR touserid = ?)", arguments: [shareid, uid, uid])
                else { throw APIError(2025, "Invalid shareid.") }
                try db.execute(sql: "DELETE FROM shares WHERE shareid = ?", arguments: [shareid])
                try ShareEvents.record("removed", row, db: db)
            }
            return .ok
        },
        "changeshare": MethodSpec(auth: .user) { call in
            guard let shareid = try call.params.int64("shareid", invalid: 2025) else { throw APIError(1027, "Please provide 'shareid'.") }
            guard let perms = try call.params.int64("permissions", invalid: 1024) else { throw APIError(1024, "Please provide 'permissions' for the share.") }
            let uid = call.user.uid
            try await call.store.write { db in
                try db.execute(sql: "UPDATE shares SET permissions = ? WHERE shareid = ? AND fromuserid = ?", arguments: [perms & 7, shareid, uid])
                guard db.changesCount > 0, let row = try ShareRow.fetchOne(db, sql: "SELECT * FROM shares WHERE shareid = ?", arguments: [shareid])
                else { throw APIError(2025, "Invalid shareid.") }
                try ShareEvents.record("modified", row, db: db)
            }
            return .ok
        },
    ]

    static let messages2021 = "Non existing share request. It might be already accepted or cancelled by the sending user."

    static func sharefolder(_ call: Call) async throws -> Reply {
        let p = call.params
        guard call.user.emailverified else { throw APIError(2014) }
        let folderGiven = p.has("folderid") || p.has("path")
        guard let mail = p["mail"] else { throw APIError(folderGiven ? 1023 : 1002, folderGiven ? "Please provide 'mail' to share folder with." : nil) }
        guard let perms = try p.int64("permissions", invalid: 1024) else { throw APIError(1024, "Please provide 'permissions' for the share.") }
        guard mail.contains("@"), !mail.hasPrefix("@"), !mail.hasSuffix("@") else { throw APIError(2018, "Invalid 'mail' provided.") }
        let id = try await call.write { t -> Int64 in
            let folder = try p.folder(in: t)
            guard folder.fid != t.rootid else { throw APIError(2015) }
            guard folder.ownerid == t.user.uid else { throw APIError(2016, "You can only share your own folders.") }
            guard mail.lowercased() != t.user.email.lowercased() else { throw APIError(2020, "You can't share a folder with yourself.") }
            let recipient = try UserRow.fetchOne(t.db, sql: "SELECT * FROM users WHERE email = ?", arguments: [mail])
            // Same folder (or a folder above it) already shared with, or offered to, this person.
            var current: Int64? = folder.fid
            while let id = current {
                if let existing = try ShareRow.fetchOne(t.db, sql: "SELECT * FROM shares WHERE folderid = ? AND tomail = ?", arguments: [id, mail]) {
                    if existing.accepted { throw APIError(2024, "User already has access to this folder or subfolder of this folder.") }
                    if id == folder.fid { throw APIError(2019, "Share request already exists.") }
                }
                current = try Int64?.fetchOne(t.db, sql: "SELECT parentid FROM folders WHERE id = ?", arguments: [id]) ?? nil
            }
            let now = Dates.now()
            var row = ShareRow(fromuserid: t.user.uid, touserid: recipient?.uid, tomail: mail, folderid: folder.fid,
                               permissions: perms & 7, name: p["name"] ?? folder.name, message: p["message"],
                               code: Tokens.random(length: 32), created: now, expires: now + 30 * 86400)
            try row.insert(t.db)
            try ShareEvents.record("request", row, db: t.db)
            return row.id!
        }
        return .json(JSONObject([("sharerequestid", .int(id))]))
    }

    /// The request named by `sharerequestid` or `code`, addressed to the caller.
    static func pendingRequest(_ call: Call) async throws -> ShareRow {
        let p = call.params, user = call.user
        let row: ShareRow? = try await call.store.read { db in
            if let id = try p.int64("sharerequestid", invalid: 2021) {
                return try ShareRow.fetchOne(db, sql: "SELECT * FROM shares WHERE id = ? AND accepted = 0", arguments: [id])
            }
            guard let code = p["code"] else { throw APIError(1025, "Please provide 'sharerequestid' or 'code' to accept a share.") }
            return try ShareRow.fetchOne(db, sql: "SELECT * FROM shares WHERE code = ? AND accepted = 0", arguments: [code])
        }
        guard let row, row.expires >= Dates.now() else { throw APIError(2021, messages2021) }
        if row.fromuserid == user.uid { throw APIError(2020, "You can't share a folder with yourself.") }
        guard row.touserid == user.uid || row.tomail.lowercased() == user.email.lowercased() else {
            throw APIError(2022, "Wrong user to accept the share.")
        }
        return row
    }

    /// Mounts the share in the caller's tree (`folderid`/`path`, default the root) under `name`.
    static func acceptshare(_ call: Call) async throws -> Reply {
        let p = call.params, render = call.render
        let pending = try await pendingRequest(call)
        let (request, folder) = try await call.write { t -> (ShareRow, FolderRow) in
            var request = pending
            let mount = p.has("folderid") || p.has("path") ? try p.folder(in: t, missingParent: 2002) : try t.folder(0)
            guard mount.ownerid == t.user.uid else { throw APIError(2023, "You are trying to place shared folder into another shared folder.") }
            if try t.shares.incoming.contains(where: { try t.isWithin(request.folderid, $0.folderid) }) {
                throw APIError(2024, "User already has access to this folder or subfolder of this folder.")
            }
            let base = try Tree.validName(p["name"] ?? request.name)
            var name = base, k = 1
            while try t.childFolder(mount.fid, name) != nil { name = "\(base) (\(k))"; k += 1 }
            request.accepted = true
            request.touserid = t.user.uid
            request.shareid = request.id! + 400_000
            request.mountid = mount.fid
            request.mountname = name
            try request.update(t.db)
            try ShareEvents.record("accepted", request, db: t.db)
            guard let shared = try FolderRow.fetchOne(t.db, key: request.folderid) else { throw APIError(2021, messages2021) }
            return (request, shared)
        }
        var viewer = render
        viewer.shares = try await call.store.read { db in try ShareContext.load(db, user: call.user.uid) }
        return .json(JSONObject([("shareid", .int(request.shareid!)), ("metadata", viewer.folder(folder).json)]))
    }

    static func listshares(_ call: Call) async throws -> Reply {
        let p = call.params, uid = call.user.uid
        let rows = try await call.store.read { db in
            try ShareRow.fetchAll(db, sql: "SELECT * FROM shares WHERE fromuserid = ? OR touserid = ? OR tomail = ? ORDER BY id",
                                  arguments: [uid, uid, call.user.email])
        }
        var shares = (incoming: [JSON](), outgoing: [JSON]()), requests = (incoming: [JSON](), outgoing: [JSON]())
        for row in rows {
            let incoming = row.fromuserid != uid
            if incoming && p.bool("noincoming") || !incoming && p.bool("nooutgoing") { continue }
            if row.accepted && p.bool("noshares") || !row.accepted && p.bool("norequests") { continue }
            let o = try await object(row, incoming: incoming, call: call).json
            switch (row.accepted, incoming) {
            case (true, true): shares.incoming.append(o)
            case (true, false): shares.outgoing.append(o)
            case (false, true): requests.incoming.append(o)
            case (false, false): requests.outgoing.append(o)
            }
        }
        return .json(JSONObject([
            ("shares", .object([("incoming", .array(shares.incoming)), ("outgoing", .array(shares.outgoing))])),
            ("requests", .object([("incoming", .array(requests.incoming)), ("outgoing", .array(requests.outgoing))])),
        ]))
    }

    /// A share object (structures.md §3) from the caller's side.
    static func object(_ row: ShareRow, incoming: Bool, call: Call) async throws -> JSONObject {
        let tf = call.tf
        let from = try await call.store.read { db in try UserRow.fetchOne(db, key: row.fromuserid) }
        var o = JSONObject()
        if incoming {
            o["fromuserid"] = .int(row.fromuserid)
            o["frommail"] = .string(from?.email ?? "")
        } else {
            if let to = row.touserid { o["touserid"] = .int(to) }
            o["tomail"] = .string(row.tomail)
        }
        // The recipient knows the folder by where they mounted it; ids are the shared folder's.
        o["folderid"] = .int(row.folderid)
        if row.accepted { o["shareid"] = .int(row.shareid ?? 0) } else { o["sharerequestid"] = .int(row.id!) }
        o["sharename"] = .string(incoming ? row.mountname ?? row.name : row.name)
        o["created"] = tf.json(row.created)
        if !row.accepted { o["expires"] = tf.json(row.expires) }
        o["canread"] = true
        o["cancreate"] = .bool(row.permissions & 1 != 0)
        o["canmodify"] = .bool(row.permissions & 2 != 0)
        o["candelete"] = .bool(row.permissions & 4 != 0)
        if let m = row.message { o["message"] = .string(m) }
        return o
    }
}
