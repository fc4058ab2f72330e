import Foundation
import HTTPTypes
import Hummingbird

/// `/publink/show?code=…`: a small page where a browser sees what a link holds and downloads
/// it; `/publink/download?code=…[&fileid=…]` counts the download and redirects to the bytes.
enum PublinkPage {
    static func serve(_ action: Substring, request: Request, env: SandboxEnv, origin: Origin, pacer: Pacer) async throws -> Response {
        var params = Params()
        if let q = request.uri.query { params.merge(Params.parseURLEncoded(q.utf8)) }
        let call = Call(method: "publink", params: params, caller: nil, env: env, request: request, origin: origin,
                        multipart: nil, pacer: pacer)
        do {
            let link = try await PublinkAccess.resolve(call)
            let code = params["code"]!
            if action == "download" {
                let file = try await PublinkAccess.file(in: link, call: call)
                try await PublinkAccess.count(link.row, bytes: file.size, store: env.store)
                let target = try await StreamingMethods.contentLink(call, blob: Content(file), name: file.name)
                guard case .array(let hosts)? = target["hosts"], case .string(let host)? = hosts.first,
                      case .string(let path)? = target["path"] else { throw APIError(5000) }
                var headers = HTTPFields()
                headers[.location] = "\(env.contentScheme)://\(host)\(path)"
                return Response(status: .found, headers: headers)
            }
            let files = try await env.store.read { db -> [(String, Int64, Int64)] in
                let t = try Tree(db: db, user: link.owner)
                if let f = link.row.fileid { let file = try t.file(f); return [(file.name, file.size, file.fid)] }
                var out: [(String, Int64, Int64)] = []
                var folders = PublinkAccess.ids(link.row.treefolderids) + (link.row.folderid.map { [$0] } ?? [])
                for f in PublinkAccess.ids(link.row.treefileids) { if let file = try? t.file(f) { out.append((file.name, file.size, file.fid)) } }
                while let id = folders.popLast() {
                    for file in try t.childFiles(id) { out.append((try t.path(ofFile: file), file.size, file.fid)) }
                    folders += try t.childFolders(id).map(\.fid)
                }
                return out
            }
            let rows = files.map { name, size, id in
                "<li><a href=\"/publink/download?code=\(OAuth.escape(code))&fileid=\(id)\">\(OAuth.html(name))</a> (\(size) bytes)</li>"
            }.joined()
            return OAuth.page("<h3>pcmd SANDBOX public link</h3><ul>\(rows)</ul>")
        } catch let e as APIError {
            return OAuth.page("<p>\(OAuth.html(e.message))</p>", status: .notFound)
        }
    }
}
