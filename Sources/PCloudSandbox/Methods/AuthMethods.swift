import GRDB

enum AuthMethods {
    static let methods: [String: MethodSpec] = [
        "tfa_login": MethodSpec(auth: .none, handler: tfaLogin),
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

    /// Completes a two-factor password login: `token` from 2297 and the `code`.
    static func tfaLogin(_ call: Call) async throws -> Reply {
        let p = call.params, tfa = call.env.authenticator.tfaTokens
        guard let token = p["token"] else { throw APIError(2064, "Two-factor authentication token expired.") }
        guard let code = p["code"] else { throw APIError(2092, "Invalid two-factor authentication code.") }
        let userid = try tfa.user(for: token)
        let device = call.request.headers[.userAgent] ?? "unknown"
        let (user, session) = try await call.store.write { db -> (UserRow, TokenRow) in
            guard let user = try UserRow.fetchOne(db, key: userid) else { throw APIError(2000) }
            guard code == user.tfacode else { throw APIError(2092, "Invalid two-factor authentication code.") }
            return (user, try Tokens.create(db, user: user.uid, kind: .session, device: device))
        }
        tfa.redeem(token)
        let caller = Caller(user: user, via: .session, token: session)
        let withUser = Call(method: call.method, params: p, caller: caller, env: call.env, request: call.request,
                            origin: call.origin, multipart: nil, pacer: call.pacer)
        var o = try await GeneralMethods.userObject(withUser)
        o["auth"] = .string(session.token)
        return .json(o)
    }
}
