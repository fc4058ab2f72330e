import Foundation
import PCloudAPI

/// Asked for a two-factor code; `previous` is why the last code failed. nil gives up.
public typealias TwoFactorCode = @Sendable (_ previous: CommanderError?) async throws -> String?

extension Accounts {
    /// Signs in with the password (digest login; the password is not kept) and returns the
    /// session token with the profile it belongs to, asking `code` when the account has
    /// two-factor sign-in (2297 → tfa_login).
    public func signIn(_ profile: Profile, email: String, password: String,
                       code: @escaping TwoFactorCode) async throws -> (Secret, Profile) {
        var profile = profile
        profile.email = email
        do {
            return (try await signIn(on: profile, email: email, password: password, code: code), profile)
        } catch let e as CommanderError where e.code == 2321 && profile.api == nil && profile.region == nil {
            // The account lives in the other data centre (flows.md §17): pCloud says so with 2321.
            profile.set(endpoint: .eu)
            return (try await signIn(on: profile, email: email, password: password, code: code), profile)
        }
    }

    private func signIn(on profile: Profile, email: String, password: String,
                        code: @escaping TwoFactorCode) async throws -> Secret {
        let client = try Account(profileName: nil, profile: profile, tokens: ProfileTokens()).client()
        let token = try await cloud {
            try await client.signIn(email: email, password: password) { _, previous in
                try await code(previous.map(CommanderError.from))
            }
        }
        return Secret(token)
    }
}

/// Which of a profile's two tokens a sign-in gave.
public enum TokenKind: Sendable { case oauth, session }

extension Accounts {
    /// Keeps `token` in profile `name` beside the other token it holds for the same account
    /// (a token of another account or host is dropped, not mixed in), as `pcmd login` does;
    /// returns the profile's tokens now.
    @discardableResult
    public mutating func keep(_ token: Secret, as kind: TokenKind, signedIn: Profile, profile name: String) throws -> ProfileTokens {
        let previous = config.profiles[name]
        let sameAccount = previous?.endpoint == signedIn.endpoint
            && previous?.email?.lowercased() == signedIn.email?.lowercased()
        var tokens = sameAccount ? try storedTokens(name) : ProfileTokens()
        switch kind {
        case .oauth: tokens.oauth = token
        case .session: tokens.session = token
        }
        try save(profile: signedIn, tokens: tokens, as: name)
        return tokens
    }
}
