import Foundation

extension PCloudClient {
    public enum TokenKind: Sendable { case session, oauth }

    /// Invalidates a token (default: the session token) and forgets it.
    @discardableResult
    public func logout(_ kind: TokenKind = .session) async throws -> Bool {
        struct R: Decodable { var auth_deleted: Bool? }
        let r: R
        switch kind {
        case .session:
            r = try await call("logout", auth: .session, idempotent: false)
            setSessionToken(nil)
        case .oauth:
            guard credentials.oauthToken != nil else { return false }
            var onlyOAuth = credentials; onlyOAuth.sessionToken = nil
            let c = try PCloudClient(endpoint: endpoint, credentials: onlyOAuth, config: config, logger: logger)
            r = try await c.call("logout", auth: .account, idempotent: false)
            setOAuthToken(nil)
        }
        return r.auth_deleted ?? true
    }

    /// Needs a session token: the live service refuses OAuth tokens here (REAL-SERVICE §1).
    public func listTokens() async throws -> [TokenInfo] {
        struct R: Decodable { var tokens: [TokenInfo] }
        return try await call("listtokens", auth: .session, idempotent: true, as: R.self).tokens
    }

    public func deleteToken(_ tokenid: Int) async throws {
        try await emptyCall("deletetoken", ["tokenid": String(tokenid)], auth: .session, idempotent: false)
    }
}
