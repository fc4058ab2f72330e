import Foundation
import GRDB

enum PublicLinkMethods {
    static let methods: [String: MethodSpec] = [
        "getfilepublink": MethodSpec(auth: .user) { call in
            let p = call.params
            return try await create(call) { t in (fileid: try p.file(in: t).fid, folderid: nil) }
        },
        "getfolderpublink": MethodSpec(auth: .user) { call in
            let p = call.params
            return try await create(call) { t in
                let folder = try p.folder(in: t)
                guard folder.fid != t.rootid else { throw APIError(2015) }
                return (fileid: nil, folderid: folder.fid)
            }
        },
    ]

    static func create(_ call: Call, target: @escaping @Sendable (Tree) throws -> (fileid: Int64?, folderid: Int64?)) async throws -> Reply {
        let p = call.params
        guard call.user.emailverified else { throw APIError(2014) }
        let expires = try p["expire"].map(InputDates.parse)
        let maxdownloads = try p.int64("maxdownloads"), maxtraffic = try p.int64("maxtraffic")
        let link = try await call.write { t -> PublinkRow in
            let (fileid, folderid) = try target(t)
            let now = Dates.now()
            var row = PublinkRow(code: Tokens.random(length: 34), ownerid: t.user.uid, fileid: fileid, folderid: folderid,
                                 created: now, modified: now, expires: expires,
                                 maxdownloads: maxdownloads.flatMap { $0 > 0 ? $0 : nil },
                                 maxtraffic: maxtraffic.flatMap { $0 > 0 ? $0 : nil })
            try row.insert(t.db)
            return row
        }
        let host = call.env.contentHost(for: call.origin)
        var o = JSONObject([("linkid", .int(link.id!)), ("code", .string(link.code)),
                            ("link", .string("\(call.env.contentScheme)://\(host)/publink/show?code=\(link.code)"))])
        if p.bool("shortlink") {
            o["shortcode"] = .string(String(link.code.prefix(10)))
            o["shortlink"] = .string("\(call.env.contentScheme)://\(host)/publink/show?code=\(link.code.prefix(10))")
        }
        return .json(o)
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
