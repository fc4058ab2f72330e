import Foundation
import GRDB

/// Share changes in both users' `diff` logs (`requestsharein`/`requestshareout`, `accepted…`,
/// `declined…`, `cancelled…`, `removed…`, `modified…`), carrying the share object each side
/// would see in `listshares`.
enum ShareEvents {
    static let prefix = "share:"

    static func record(_ kind: String, _ row: ShareRow, db: Database) throws {
        let now = Dates.now()
        let from = try UserRow.fetchOne(db, key: row.fromuserid)
        func payload(incoming: Bool) -> JSON {
            var o = JSONObject()
            if incoming { o["fromuserid"] = .int(row.fromuserid); o["frommail"] = .string(from?.email ?? "") }
            else { if let to = row.touserid { o["touserid"] = .int(to) }; o["tomail"] = .string(row.tomail) }
            o["folderid"] = .int(row.folderid)
            if row.accepted { o["shareid"] = .int(row.shareid ?? 0) } else { o["sharerequestid"] = .int(row.id ?? 0) }
            o["sharename"] = .string(row.name)
            o["canread"] = true
            o["cancreate"] = .bool(row.permissions & 1 != 0)
            o["canmodify"] = .bool(row.permissions & 2 != 0)
            o["candelete"] = .bool(row.permissions & 4 != 0)
            return o.json
        }
        var out = EventRow(userid: row.fromuserid, event: kind + "shareout", time: now,
                           item: prefix + String(buffer: payload(incoming: false).encoded()))
        try out.insert(db)
        if let to = row.touserid {
            var inn = EventRow(userid: to, event: kind + "sharein", time: now, item: prefix + String(buffer: payload(incoming: true).encoded()))
            try inn.insert(db)
        }
    }

    /// The stored share object, back as JSON for the `diff` answer.
    static func payload(_ stored: String) -> JSON {
        guard let object = try? JSONSerialization.jsonObject(with: Data(stored.dropFirst(prefix.count).utf8)) as? [String: Any] else { return .null }
        // The keys are known: `can…` flags, string mails and names, integer ids.
        return .object(object.sorted { $0.key < $1.key }.map { key, value in
            if let s = value as? String { return (key, .string(s)) }
            guard let n = value as? NSNumber else { return (key, .null) }
            return key.hasPrefix("can") ? (key, .bool(n.boolValue)) : (key, .int(n.int64Value))
        })
    }
}
