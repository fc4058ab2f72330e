import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore

/// OAuth 2.0 as pCloud does it: a browser page at `/oauth2/authorize` (pick a demo user,
/// approve), redirecting with `code` or `access_token` plus `state`, `locationid` and
/// `hostname`; and `oauth2_token`, which trades a code and the client secret for a token.
enum OAuth {
    /// The one registered client, printed at start.
    static let clientID = "pcmd-sandbox"
    static let clientSecret = "pcmd-sandbox-secret"

    /// Codes from the authorize page: single use, ten minutes.
    final class Codes: Sendable {
        private let codes = NIOLockedValueBox<[String: (user: Int64, client: String, expires: Int64)]>([:])

        func issue(user: Int64, client: String) -> String {
            let code = Tokens.random(length: 40)
            codes.withLockedValue { $0[code] = (user, client, Dates.now() + 600) }
            return code
        }

        func redeem(_ code: String, client: String) -> Int64? {
            codes.withLockedValue { c in
                guard let entry = c.removeValue(forKey: code), entry.client == client, entry.expires >= Dates.now() else { return nil }
                return entry.user
            }
        }
    }

    static let methods: [String: MethodSpec] = [
        "oauth2_token": MethodSpec(auth: .none) { call in
            let p = call.params
            guard p["client_id"] == clientID, p["client_secret"] == clientSecret else { throw APIError(2000) }
            guard let code = p["code"], let userid = call.env.oauthCodes.redeem(code, client: clientID) else {
                throw APIError(2012, "Invalid 'code' provided.")
            }
            let token = try await call.store.write { db in
                try Tokens.create(db, user: userid, kind: .oauth, device: "oauth2 \(clientID)", expire: 100 * 365 * 86400,
                                  inactive: 100 * 365 * 86400)
            }
            return .json(JSONObject([("access_token", .string(token.token)), ("token_type", "bearer"), ("uid", .int(userid)),
                                     ("userid", .int(userid)), ("locationid", .int(call.env.locationID))]))
        },
    ]

    /// `GET` shows the consent page, `POST` (the form) approves and redirects.
    static func authorizePage(_ request: Request, env: SandboxEnv, origin: Origin) async throws -> Response {
        var request = request
        var params = Params()
        if let q = request.uri.query { params.merge(Params.parseURLEncoded(q.utf8)) }
        if request.method == .post {
            params.merge(Params.parseURLEncoded(try await request.collectBody(upTo: 1 << 16).readableBytesView))
        }
        let responseType = params["response_type"] ?? "code"
        guard params["client_id"] == clientID else { return page("Unknown client_id. The sandbox's client is \(clientID).", status: .badRequest) }
        guard responseType == "code" || responseType == "token" else { return page("response_type must be code or token.", status: .badRequest) }
        let redirect = params["redirect_uri"]
        if responseType == "token" && redirect == nil { return page("response_type=token needs a redirect_uri.", status: .badRequest) }

        let users = try await env.store.read { db in try UserRow.fetchAll(db, sql: "SELECT * FROM users ORDER BY id") }
        guard request.method == .post, let email = params["email"], let user = users.first(where: { $0.email == email }) else {
            let hidden = ["client_id", "response_type", "redirect_uri", "state", "permissions"].compactMap { key in
                params[key].map { "<input type=\"hidden\" name=\"\(key)\" value=\"\(html($0))\">" }
            }.joined()
            let buttons = users.map { "<button name=\"email\" value=\"\(html($0.email))\">Allow as \(html($0.email))</button>" }.joined(separator: "<br>")
            return page("""
                <p><b>\(html(clientID))</b> wants to use a pcmd <b>SANDBOX</b> account (not your real pCloud).</p>
                <form method="post">\(hidden)\(buttons)</form>
                """)
        }
        let host = env.contentHost(for: origin)
        var reply: [(String, String)] = []
        if responseType == "code" {
            reply.append(("code", env.oauthCodes.issue(user: user.uid, client: clientID)))
        } else {
            let token = try await env.store.write { db in
                try Tokens.create(db, user: user.uid, kind: .oauth, device: "oauth2 \(clientID)", expire: 100 * 365 * 86400,
                                  inactive: 100 * 365 * 86400)
            }
            reply += [("access_token", token.token), ("token_type", "bearer"), ("uid", String(user.uid)), ("userid", String(user.uid))]
        }
        if let state = params["state"] { reply.append(("state", state)) }
        reply += [("locationid", String(env.locationID)), ("hostname", host)]
        let query = reply.map { "\($0.0)=\(escape($0.1))" }.joined(separator: "&")
        guard let redirect else {
            return page("<p>Your code: <code>\(html(reply[0].1))</code></p><p>Paste it into the application.</p>")
        }
        var headers = HTTPFields()
        headers[.location] = redirect + (responseType == "code" ? (redirect.contains("?") ? "&" : "?") : "#") + query
        return Response(status: .found, headers: headers)
    }

    static func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? s
    }

    static func html(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func page(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        let html = "<!doctype html><meta charset=\"utf-8\"><title>pcmd sandbox</title><body style=\"font-family:sans-serif\">\(body)</body>"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
