import GRDB

enum AuthMethods {
    static let methods: [String: MethodSpec] = [
        "logout": MethodSpec(auth: .user) { call in
            guard let token = call.caller?.token else { return .json(JSONObject([("auth_deleted", false)])) }
            let deleted = try await call.store.write { db in try TokenRow.deleteOne(db, key: token.id) }
            return .json(JSONObject([("auth_deleted", .bool(deleted))]))
        },
        "listtokens": MethodSpec(auth: .sessionOrPassword) { call in
            let userid = call.user.uid
            let rows = try await call.store.read { db in
                try TokenRow.fetchAll(db, sql: "SELECT * FROM tokens WHERE userid = ? ORDER BY id", arguments: [userid])
            }
            let current = call.caller?.token?.id
            let tokens: [JSON] = rows.map { t in
                var o = JSONObject([("tokenid", .int(t.id!)), ("device", .string(t.device)), ("created", call.tf.json(t.created)),
                                    ("expires_inactive", call.tf.json(t.expiresInactive)), ("expires", call.tf.json(t.expires))])
                if t.id == current { o["current"] = true }
                return o.json
            }
            return .json(JSONObject([("tokens", .array(tokens))]))
        },
        "deletetoken": MethodSpec(auth: .sessionOrPassword) { call in
            guard let tokenid = try call.params.int64("tokenid", invalid: 2102) else { throw APIError(1076) }
            let userid = call.user.uid
            let deleted = try await call.store.write { db in
                try db.execute(sql: "DELETE FROM tokens WHERE id = ? AND userid = ?", arguments: [tokenid, userid])
                return db.changesCount > 0
            }
            guard deleted else { throw APIError(2102) }
            return .ok
        },
    ]
}
