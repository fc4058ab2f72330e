import Foundation
import GRDB
import ServiceLifecycle

enum GeneralMethods {
    static let methods: [String: MethodSpec] = [
        "getdigest": MethodSpec(auth: .none) { call in
            let (digest, expires) = call.env.digests.issue()
            return .json(JSONObject([("digest", .string(digest)), ("expires", call.tf.json(expires))]))
        },
        "userinfo": MethodSpec(auth: .user, handler: userinfo),
        "getapiserver": MethodSpec(auth: .none) { call in
            let host = "\(call.origin.hostName):\(call.origin.localPort)"
            return .json(JSONObject([("api", .array([.string(host)])), ("binapi", .array([.string(host)]))]))
        },
        "currentserver": MethodSpec(auth: .none) { call in
            .json(JSONObject([("ip", .string(call.origin.hostName)), ("ipbin", .string(call.origin.hostName)),
                              ("ipv6", .string("::1")),
                              ("hostname", .string("\(call.origin.hostName):\(call.origin.localPort)"))]))
        },
        "getip": MethodSpec(auth: .none) { call in
            .json(JSONObject([("ip", .string(call.origin.remoteIP)), ("country", false)]))
        },
        "diff": MethodSpec(auth: .user, handler: diff),
    ]

    /// The login point: with `getauth=1` a password login also returns a session token.
    static func userinfo(_ call: Call) async throws -> Reply {
        let caller = call.caller!
        let device = call.request.headers[.userAgent] ?? "unknown"
        let p = call.params
        let token: TokenRow? = try await call.store.write { db in
            guard p.bool("getauth"), caller.via == .password else { return nil }
            let expire = min(try p.int64("authexpire") ?? 31_536_000, 63_072_000)
            let inactive = min(try p.int64("authinactiveexpire") ?? 2_678_400, 5_356_800)
            return try Tokens.create(db, user: caller.user.uid, kind: .session, device: device,
                                     expire: expire, inactive: inactive)
        }
        var o = try await userObject(call)
        if let token { o["auth"] = .string(token.token) }
        return .json(o)
    }

    static func userObject(_ call: Call) async throws -> JSONObject {
        let user = call.user
        let used = try await call.read { t in try t.usedQuota() }
        return JSONObject([
            ("userid", .int(user.uid)), ("email", .string(user.email)), ("emailverified", .bool(user.emailverified)),
            ("registered", call.tf.json(user.created)), ("premium", true), ("premiumlifetime", false),
            ("plan", 1), ("business", false), ("cryptosetup", false), ("cryptosubscription", false),
            ("cryptolifetime", false), ("language", "en"), ("locationid", .int(call.env.locationID)),
            ("quota", .int(user.quota)), ("usedquota", .int(used)), ("publiclinkquota", .int(user.quota)),
            ("trashrevretentiondays", 30), ("freequota", .int(max(0, user.quota - used))),
        ])
    }

    /// `last=N` (N newest; 0 = just the current id), `diffid=N` (after N; `block=1` waits for
    /// one, bounded), `after=TIME`, `limit`. Without any, the whole log after a `reset`.
    static func diff(_ call: Call) async throws -> Reply {
        let p = call.params
        let userid = call.user.uid
        let limit = try p.int64("limit") ?? 100_000
        func fetch() async throws -> ([EventRow], Int64) {
            try await call.store.read { db in
                let current = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM events WHERE userid = ?",
                                                 arguments: [userid]) ?? 0
                if let last = try p.int64("last") {
                    let rows = try EventRow.fetchAll(db, sql: "SELECT * FROM events WHERE userid = ? ORDER BY id DESC LIMIT ?",
                                                     arguments: [userid, last]).reversed()
                    return (Array(rows), current)
                }
                if let diffid = try p.int64("diffid") {
                    let rows = try EventRow.fetchAll(db, sql: "SELECT * FROM events WHERE userid = ? AND id > ? ORDER BY id LIMIT ?",
                                                     arguments: [userid, diffid, limit])
                    return (rows, rows.last?.id ?? max(diffid, 0))
                }
                if let after = p["after"] {
                    guard let t = Int64(after) else { throw APIError(1013) }
                    let rows = try EventRow.fetchAll(db, sql: "SELECT * FROM events WHERE userid = ? AND time > ? ORDER BY id LIMIT ?",
                                                     arguments: [userid, t, limit])
                    return (rows, rows.last?.id ?? current)
                }
                let rows = try EventRow.fetchAll(db, sql: "SELECT * FROM events WHERE userid = ? ORDER BY id LIMIT ?",
                                                 arguments: [userid, limit])
                let reset = EventRow(id: 0, userid: userid, event: "reset", time: Dates.now(), item: "")
                return ([reset] + rows, rows.last?.id ?? current)
            }
        }
        var (rows, diffid) = try await fetch()
        if rows.isEmpty, p.bool("block"), p.has("diffid") {
            let deadline = Date().addingTimeInterval(call.env.config.diffBlockSeconds)
            // A stopping server answers at once, as a timeout would: its graceful shutdown waits
            // for requests in flight, and a long poll would hold it (and pcmd's quit) a minute.
            while rows.isEmpty, Date() < deadline, !Task.isShuttingDownGracefully {
                try await Task.sleep(nanoseconds: 250_000_000)
                (rows, diffid) = try await fetch()
            }
        }
        let render = call.render
        let decoder = JSONDecoder()
        let entries: [JSON] = rows.map { row in
            var o = JSONObject([("event", .string(row.event)), ("time", call.tf.json(row.time)), ("diffid", .int(row.id ?? 0))])
            if row.item.hasPrefix(ShareEvents.prefix) {
                o["share"] = ShareEvents.payload(row.item)
            } else if let item = try? decoder.decode(Item.self, from: Data(row.item.utf8)) {
                o["metadata"] = render.item(item).json
            }
            return o.json
        }
        return .json(JSONObject([("diffid", .int(diffid)), ("entries", .array(entries))]))
    }
}
