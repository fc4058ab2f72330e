import Foundation

/// OAuth 2.0 code flow helpers (flows.md §14).
public enum OAuth2 {
    public static let authorizeBase = URL(string: "https://my.pcloud.com/oauth2/authorize")!

    /// The page the user opens; `state` comes back in the redirect and must be checked.
    public static func authorizeURL(clientID: String, redirectURI: String?, state: String,
                                    responseType: String = "code", forceReapprove: Bool = false,
                                    base: URL = authorizeBase) -> URL {
        var p: Params = ["client_id": clientID, "response_type": responseType]
        if let redirectURI { p["redirect_uri"] = redirectURI }
        p["state"] = state
        p.flag("force_reapprove", forceReapprove)
        return URL(string: "\(base.absoluteString)?\(p.encoded)")!
    }

    /// A random `state` for one authorization.
    public static func makeState() -> String {
        (0..<4).map { _ in String(UInt64.random(in: 0...UInt64.max), radix: 36) }.joined()
    }

    /// What the redirect carried.
    public struct Redirect: Sendable, Hashable {
        public var code: String
        public var locationid: Int?
        public var hostname: String?

        public init(code: String, locationid: Int? = nil, hostname: String? = nil) {
            self.code = code; self.locationid = locationid; self.hostname = hostname
        }

        /// Where this account's API lives.
        public var endpoint: Endpoint? {
            if let hostname, let endpoint = Endpoint(hostname: hostname) { return endpoint }
            return locationid.flatMap(Endpoint.init(locationid:))
        }
    }

    public enum RedirectError: Error, Sendable, Equatable {
        case denied(String)
        case stateMismatch
        case missingCode
    }

    /// Reads `code`, `locationid`, `hostname` from the redirect (query or fragment) and checks
    /// `state`. pCloud has been seen dropping `state`; `allowMissingState` accepts that (rclone's
    /// StateBlankOK) but a different state is always refused.
    public static func parseRedirect(_ url: URL, expectedState: String,
                                     allowMissingState: Bool = false) throws -> Redirect {
        let comps = URLComponents(url: url, resolvingAgainstBaseURL: false)
        var items = comps?.queryItems ?? []
        if let fragment = comps?.fragment, var f = URLComponents(string: "http://x/") {
            f.percentEncodedQuery = fragment
            items += f.queryItems ?? []
        }
        func value(_ name: String) -> String? { items.first { $0.name == name }?.value }
        if let error = value("error") { throw RedirectError.denied(error) }
        switch value("state") {
        case expectedState?: break
        case nil where allowMissingState: break
        default: throw RedirectError.stateMismatch
        }
        guard let code = value("code"), !code.isEmpty else { throw RedirectError.missingCode }
        return Redirect(code: code, locationid: value("locationid").flatMap { Int($0) }, hostname: value("hostname"))
    }
}

/// `oauth2_token`.
public struct OAuthToken: Decodable, Sendable, Hashable {
    public var access_token: String
    public var token_type: String?
    public var uid: Int?
    public var userid: Int?
    public var locationid: Int?
}

extension PCloudClient {
    /// Exchanges an authorization code for an access token (call on the user's region host) and
    /// keeps it as this client's OAuth token. The secret goes in the POST body only.
    @discardableResult
    public func oauth2Token(clientID: String, clientSecret: String, code: String) async throws -> OAuthToken {
        let token = try await call("oauth2_token", ["client_id": clientID, "client_secret": clientSecret, "code": code],
                                   auth: .none, idempotent: false, as: OAuthToken.self)
        setOAuthToken(token.access_token)
        return token
    }
}
