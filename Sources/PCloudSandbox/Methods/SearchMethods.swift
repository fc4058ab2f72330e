import Foundation
import GRDB

/// `search`: undocumented, used by the Python SDK 2.0. Names containing `query`, compared
/// without regard to case, over the caller's own live files and folders.
enum SearchMethods {
    static let methods: [String: MethodSpec] = [
        "search": MethodSpec(auth: .user, handler: search),
    ]

    static func search(_ call: Call) async throws -> Reply {
        let p = call.params, render = call.render
        let query = (p["query"] ?? "").trimmingCharacters(in: .whitespaces)
        let offset = max(0, Int(try p.int64("offset") ?? 0))
        let limit = max(0, Int(try p.int64("limit") ?? 1000))
        let items = try await call.read { t -> [JSON] in
            guard !query.isEmpty else { return [] }
            let uid = t.user.uid
            let folders = try FolderRow.fetchAll(t.db, sql: "SELECT * FROM folders WHERE ownerid = ? AND deleted = 0 AND parentid IS NOT NULL",
                                                 arguments: [uid]).filter { matches($0.name, query) }
            let files = try FileRow.fetchAll(t.db, sql: "SELECT * FROM files WHERE ownerid = ? AND deleted = 0", arguments: [uid])
                .filter { matches($0.name, query) }
            var out: [JSON] = []
            for f in folders.sorted(by: { $0.name < $1.name }) { out.append(render.folder(f, path: try t.path(ofFolder: f)).json) }
            for f in files.sorted(by: { $0.name < $1.name }) { out.append(render.file(f, path: try t.path(ofFile: f)).json) }
            return Array(out.dropFirst(offset).prefix(limit))
        }
        return .json(JSONObject([("items", .array(items))]))
    }

    static func matches(_ name: String, _ query: String) -> Bool {
        name.range(of: query, options: [.caseInsensitive]) != nil
    }
}
