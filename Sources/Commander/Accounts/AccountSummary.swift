import Foundation
import PCloudAPI

/// What `whoami` shows: who, where, plan and quota. Never a token.
public struct AccountSummary: Codable, Sendable, Equatable {
    public var email: String
    public var userid: Int
    public var profile: String?
    public var endpoint: String
    public var sandbox: Bool
    public var premium: Bool
    public var plan: Int?
    public var quota: Int64
    public var usedquota: Int64
    /// Which kinds of token the account holds (the session one opens the trash).
    public var oauthToken: Bool
    public var sessionToken: Bool

    enum CodingKeys: String, CodingKey {
        case email, userid, profile, endpoint, sandbox, premium, plan, quota, usedquota
        case oauthToken = "oauth_token", sessionToken = "session_token"
    }
}

extension Account {
    public func summary() async throws -> AccountSummary {
        let client = try client()
        let info = try await cloud { try await client.userinfo() }
        return AccountSummary(email: info.email, userid: info.userid, profile: profileName, endpoint: endpointName,
                              sandbox: isSandbox, premium: info.premium ?? false, plan: info.plan, quota: info.quota,
                              usedquota: info.usedquota, oauthToken: tokens.oauth != nil,
                              sessionToken: tokens.session != nil)
    }
}
