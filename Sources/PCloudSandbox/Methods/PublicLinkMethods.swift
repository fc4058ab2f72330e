import Foundation
import GRDB

/// The owner's side of public links: create, list, change, delete.
enum PublicLinkMethods {
    static let methods: [String: MethodSpec] = [
        "getfilepublink": MethodSpec(auth: .user) { call in
            let p = call.params
            return try await create(call) { t in PublinkTarget(fileid: try p.file(in: t).fid) }
        },
        "getfolderpublink": MethodSpec(auth: .user) { call in
            let p = call.params
            return try await create(call) { t in
                let folder = try p.folder(in: t)
                guard folder.fid != t.rootid else { throw APIError(2015) }
                return PublinkTarget(folderid: folder.fid)
            }
        },
        "gettreepublink": MethodSpec(auth: .user) { call in
            let p = call.params
            guard let name = p["name"] else { throw APIError(1039, "Please provide 'name'.") }
            return try await create(call) { t in
                // A snapshot of the selection: checked now, fixed in the link.
                let files = try p.ids("fileids", invalid: 1018).map { try t.file($0).fid }
                let folders = try p.ids("folderids", invalid: 1017).map { try t.folder($0).fid }
                    + (try p.int64("folderid", invalid: 1017).map { [try t.folder($0).fid] } ?? [])
                return PublinkTarget(treename: name, treefileids: files, treefolderids: folders)
            }
        },
        "listpublinks": MethodSpec(auth: .user) { call in try await list(call, short: false) },
        "listplshort": MethodSpec(auth: .user) { call in try await list(call, short: true) },
        "deletepublink": MethodSpec(auth: .user) { call in
            try await change(call) { link, _ in link.deleted = true }
            return .ok
        },
        "changepublink": MethodSpec(auth: .user) { call in
            let p = call.params
            let expire = try p["expire"].map(InputDates.parse)
            let maxdownloads = try p.int64("maxdownloads"), maxtraffic = try p.int64("maxtraffic")
            let link = try await change(call) { link, db in
                if p.bool("shortlink"), link.shortcode == nil { link.shortcode = try newShortcode(db) }
                if p.bool("deleteshortlink") { link.shortcode = nil }
                if let expire { link.expires = expire }
                if p.bool("deleteexpire") { link.expires = nil }
                if let maxdownloads { link.maxdownloads = maxdownloads > 0 ? maxdownloads : nil }
                if let maxtraffic { link.maxtraffic = maxtraffic > 0 ? maxtraffic : nil }
            }
            var o = JSONObject()
            if let short = link.shortcode {
                o["shortcode"] = .string(short)
                o["shortlink"] = .string(url(call, short))
            }
            return .json(o)
        },
    ]

    struct PublinkTarget: Sendable {
        var fileid: Int64?
        var folderid: Int64?
        var treename: String?
        var treefileids: [Int64] = []
        var treefolderids: [Int64] = []
    }

    /// The browser page of a link on this sandbox.
    static func url(_ call: Call, _ code: String) -> String {
        "\(call.env.contentScheme)://\(call.env.contentHost(for: call.origin))/publink/show?code=\(code)"
    }

    static func newShortcode(_ db: Database) throws -> String {
        while true {
            let code = Tokens.random(length: 10)
            if try !Bool(PublinkRow.filter(Column("shortcode") == code).fetchCount(db) > 0) { return code }
        }
    }

    static func create(_ call: Call, target: @escaping @Sendable (Tree) throws -> PublinkTarget) async throws -> Reply {
        let p = call.params
        guard call.user.emailverified else { throw APIError(2014) }
        let expires = try p["expire"].map(InputDates.parse)
        let maxdownloads = try p.int64("maxdownloads"), maxtraffic = try p.int64("maxtraffic")
        let wantShort = p.bool("shortlink")
        let link = try await call.write { t -> PublinkRow in
            let target = try target(t)
            let now = Dates.now()
            // Unguessable: 40 characters of a 62-letter alphabet.
            var row = PublinkRow(code: Tokens.random(length: 40), ownerid: t.user.uid, fileid: target.fileid,
                                 folderid: target.folderid, created: now, modified: now, expires: expires,
                                 maxdownloads: maxdownloads.flatMap { $0 > 0 ? $0 : nil },
                                 maxtraffic: maxtraffic.flatMap { $0 > 0 ? $0 : nil })
            row.treename = target.treename
            if target.treename != nil {
                row.treefileids = target.treefileids.map(String.init).joined(separator: ",")
                row.treefolderids = target.treefolderids.map(String.init).joined(separator: ",")
            }
            if wantShort { row.shortcode = try newShortcode(t.db) }
            try row.insert(t.db)
            return row
        }
        var o = JSONObject([("linkid", .int(link.id!)), ("code", .string(link.code)), ("link", .string(url(call, link.code)))])
        if let short = link.shortcode {
            o["shortcode"] = .string(short)
            o["shortlink"] = .string(url(call, short))
        }
        return .json(o)
    }

    static func list(_ call: Call, short: Bool) async throws -> Reply {
        let render = call.render, tf = call.tf
        let entries = try await call.read { t -> [JSON] in
            let rows = try PublinkRow.fetchAll(t.db, sql: "SELECT * FROM publinks WHERE ownerid = ? AND deleted = 0 ORDER BY id",
                                               arguments: [t.user.uid])
            return try rows.map { link in
                var o = JSONObject([("linkid", .int(link.id!)), ("code", .string(link.code)), ("link", .string(url(call, link.code))),
                                    ("created", tf.json(link.created)), ("modified", tf.json(link.modified)),
                                    ("downloads", .int(link.downloads)), ("traffic", .int(link.traffic))])
                if let short = link.shortcode { o["shortcode"] = .string(short); o["shortlink"] = .string(url(call, short)) }
                if let e = link.expires { o["expires"] = tf.json(e) }
                if let m = link.maxdownloads { o["maxdownloads"] = .int(m) }
                if let m = link.maxtraffic { o["maxtraffic"] = .int(m) }
                let meta = try PublinkAccess.metadata(of: link, tree: t, render: render, contents: false)
                if short {
                    o["isfolder"] = .bool(link.fileid == nil)
                    if let f = link.fileid { o["fileid"] = .int(f) } else if let f = link.folderid { o["folderid"] = .int(t.wire(f)) }
                    o["id"] = meta["id"] ?? .null
                } else {
                    o["metadata"] = meta.json
                }
                return o.json
            }
        }
        return .json(JSONObject([("publinks", .array(entries))]))
    }

    /// Applies `edit` to the caller's live link `linkid`.
    @discardableResult
    static func change(_ call: Call, _ edit: @escaping @Sendable (inout PublinkRow, Database) throws -> Void) async throws -> PublinkRow {
        guard let linkid = try call.params.int64("linkid", invalid: 2027) else { throw APIError(1030) }
        return try await call.write { t in
            guard var link = try PublinkRow.fetchOne(t.db, sql: "SELECT * FROM publinks WHERE id = ? AND ownerid = ? AND deleted = 0",
                                                     arguments: [linkid, t.user.uid])
            else { throw APIError(2027) }
            try edit(&link, t.db)
            link.modified = Dates.now()
            try link.update(t.db)
            return link
        }
    }
}

/// Datetimes as pCloud accepts them in parameters: unix seconds, ISO 8601 or RFC 2822.
enum InputDates {
    static func parse(_ text: String) throws -> Int64 {
        let s = text.trimmingCharacters(in: .whitespaces)
        if let n = Int64(s) { return n }
        let iso = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withFullDate], [.withFullDate, .withTime, .withSpaceBetweenDateAndTime, .withColonSeparatorInTime]] {
            iso.formatOptions = options
            if let d = iso.date(from: s) { return Int64(d.timeIntervalSince1970) }
        }
        let rfc = DateFormatter()
        rfc.locale = Locale(identifier: "en_US_POSIX")
        for format in ["EEE, dd MMM yyyy HH:mm:ss Z", "dd MMM yyyy HH:mm:ss Z", "yyyy-MM-dd HH:mm:ss"] {
            rfc.dateFormat = format
            rfc.timeZone = TimeZone(identifier: "UTC")
            if let d = rfc.date(from: s) { return Int64(d.timeIntervalSince1970) }
        }
        throw APIError(1013)
    }
}
