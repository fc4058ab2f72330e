import Crypto
import Foundation
import GRDB
import NIOConcurrencyHelpers

/// Who a request is, and how it proved it.
struct Caller: Sendable {
    enum Via: Sendable { case oauth, session, password }
    let user: UserRow
    let via: Via
    /// The token the request carried, if any.
    let token: TokenRow?
}

/// What a method needs from the caller.
enum AuthNeed: Sendable {
    case none
    case user
    /// The live service refuses OAuth tokens here (REAL-SERVICE.md §1): trash, listtokens, deletetoken.
    case sessionOrPassword
}

/// Digests from `getdigest`: valid for 30 s, usable once.
final class DigestBook: Sendable {
    private let issued = NIOLockedValueBox<[String: Int64]>([:])

    func issue() -> (String, Int64) {
        let digest = Tokens.random(length: 40)
        let expires = Dates.now() + 30
        issued.withLockedValue { d in
            let now = Dates.now()
            d = d.filter { $0.value > now }
            d[digest] = expires
        }
        return (digest, expires)
    }

    func redeem(_ digest: String) -> Bool {
        issued.withLockedValue { d in
            guard let exp = d.removeValue(forKey: digest) else { return false }
            return exp >= Dates.now()
        }
    }
}

/// Tokens handed out with 2297, traded for a session by `tfa_login` within five minutes.
final class TFATokens: Sendable {
    private let issued = NIOLockedValueBox<[String: (user: Int64, expires: Int64)]>([:])

    func issue(for user: Int64) -> String {
        let token = Tokens.random(length: 32)
        issued.withLockedValue { $0[token] = (user, Dates.now() + 300) }
        return token
    }

    /// The user the token was issued for; 2064 when unknown or expired.
    func user(for token: String) throws -> Int64 {
        guard let entry = issued.withLockedValue({ $0[token] }), entry.expires >= Dates.now() else {
            throw APIError(2064, "Two-factor authentication token expired.")
        }
        return entry.user
    }

    func redeem(_ token: String) { issued.withLockedValue { _ = $0.removeValue(forKey: token) } }
}

enum Tokens {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    static func random(length: Int) -> String {
        var rng = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int(rng.next(upperBound: UInt(alphabet.count)))] })
    }

    static func sha1Hex(_ s: String) -> String { Insecure.SHA1.hash(data: Data(s.utf8)).hex }

    /// passworddigest = sha1(password + sha1(lowercase(username)) + digest), lower hex.
    static func passwordDigest(password: String, username: String, digest: String) -> String {
        sha1Hex(password + sha1Hex(username.lowercased()) + digest)
    }

    static func create(_ db: Database, user: Int64, kind: TokenKind, device: String,
                       expire: Int64 = 31_536_000, inactive: Int64 = 2_678_400) throws -> TokenRow {
        let now = Dates.now()
        var row = TokenRow(token: random(length: kind == .oauth ? 40 : 48), userid: user, kind: kind, device: device,
                           created: now, expires: now + expire, inactiveexpire: inactive, lastused: now)
        try row.insert(db)
        return row
    }
}

struct Authenticator: Sendable {
    let store: Store
    let digests: DigestBook
    let tfaTokens = TFATokens()

    /// Resolves the caller from (in order) an `Authorization: Bearer` header, `access_token`,
    /// `auth`, or `username` with `password` or `digest`+`passworddigest`.
    /// Returns nil when no credentials were given; throws 2000 for wrong ones.
    func caller(params: Params, bearer: String?) async throws -> Caller? {
        if let token = bearer ?? params["access_token"] {
            return try await byToken(token, kind: .oauth)
        }
        if let token = params["auth"] {
            return try await byToken(token, kind: .session)
        }
        guard let username = params["username"] else { return nil }
        let user = try await store.read { db in
            try UserRow.fetchOne(db, sql: "SELECT * FROM users WHERE email = ?", arguments: [username])
        }
        guard let user else { throw APIError(2000) }
        if let password = params["password"] {
            guard password == user.password else { throw APIError(2000) }
        } else if let digest = params["digest"], let pd = params["passworddigest"] {
            guard digests.redeem(digest),
                  pd.lowercased() == Tokens.passwordDigest(password: user.password, username: username, digest: digest)
            else { throw APIError(2000) }
        } else {
            throw APIError(2000)
        }
        if user.tfacode != nil {
            // Two-factor accounts finish a password login with tfa_login (REAL-SERVICE.md §2).
            var e = APIError(2297, "Please provide the two-factor authentication code.")
            e.extra = [("token", .string(tfaTokens.issue(for: user.uid))), ("tfatype", 1), ("hasdevices", false)]
            throw e
        }
        return Caller(user: user, via: .password, token: nil)
    }

    private func byToken(_ token: String, kind: TokenKind) async throws -> Caller {
        let found = try await store.read { db -> (UserRow, TokenRow)? in
            guard let t = try TokenRow.fetchOne(db, sql: "SELECT * FROM tokens WHERE token = ? AND kind = ?",
                                                arguments: [token, kind.rawValue]),
                  let u = try UserRow.fetchOne(db, key: t.userid) else { return nil }
            return (u, t)
        }
        let now = Dates.now()
        guard let (user, row) = found, row.expires > now, row.expiresInactive > now else { throw APIError(2000) }
        // Using a token keeps it alive; a write per minute is enough for that.
        if now - row.lastused > 60 {
            try await store.write { db in
                try db.execute(sql: "UPDATE tokens SET lastused = ? WHERE id = ?", arguments: [now, row.id])
            }
        }
        return Caller(user: user, via: kind == .oauth ? .oauth : .session, token: row)
    }
}
