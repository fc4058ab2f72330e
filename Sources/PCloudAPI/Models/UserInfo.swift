import Foundation

/// `userinfo` (structures.md §11); `auth` only when a password login asked `getauth=1`.
public struct UserInfo: Decodable, Sendable, Hashable {
    public var userid: Int
    public var email: String
    public var emailverified: Bool?
    public var registered: Int64?
    public var premium: Bool?
    public var premiumexpires: Int64?
    public var quota: Int64
    public var usedquota: Int64
    public var language: String?
    public var plan: Int?
    public var cryptosetup: Bool?
    public var trashrevretentiondays: Int?
    public var auth: String?
}

/// `listtokens` element (structures.md §9).
public struct TokenInfo: Decodable, Sendable, Hashable {
    public var tokenid: Int
    public var device: String?
    public var created: Int64?
    public var expires_inactive: Int64?
    public var expires: Int64?
}

/// `getapiserver`: nearest front ends first.
public struct APIServers: Decodable, Sendable, Hashable {
    public var api: [String]
    public var binapi: [String]?
}

/// `currentserver`: the host that handles this connection; progress polls must go there.
public struct CurrentServer: Decodable, Sendable, Hashable {
    public var hostname: String
    public var ip: String?
    public var ipv6: String?
}
