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
