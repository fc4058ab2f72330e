import Foundation
import PCloudAPI

/// One OAuth 2.0 authorization in progress (flows.md §14): a random `state`, the listener the
/// browser is sent back to, and the page the user opens.
public final class OAuthSignIn: Sendable {
    public let app: OAuthApp
    public let state: String
    public let listener: RedirectListener
    public let authorizeURL: URL
    /// The profile signing in (a sandbox's URL and CA come from it).
    let profile: Profile

    public init(app: OAuthApp, profile: Profile) throws {
        self.app = app
        self.profile = profile
        state = OAuth2.makeState()
        listener = try RedirectListener()
        // A sandbox serves its own authorize page; pCloud's is on my.pcloud.com for both regions.
        let base = profile.sandbox ? profile.endpoint.baseURL.appendingPathComponent("oauth2/authorize") : OAuth2.authorizeBase
        authorizeURL = OAuth2.authorizeURL(clientID: app.clientID, redirectURI: listener.redirectURI, state: state, base: base)
    }

    /// Reads what the user pasted instead: the whole redirect URL (its state is checked) or the
    /// bare code.
    public func redirect(pasted text: String) throws -> OAuth2.Redirect {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.contains("://"), let url = URL(string: text) {
            do { return try OAuth2.parseRedirect(url, expectedState: state, allowMissingState: true) } catch { throw Self.explain(error) }
        }
        guard !text.isEmpty, !text.contains(where: \.isWhitespace) else {
            throw CommanderError(.local, "paste the whole address the browser was sent to, or the code alone")
        }
        return OAuth2.Redirect(code: text, locationid: nil, hostname: nil)
    }

    /// Waits for the browser to come back to the listener.
    public func waitForRedirect() async throws -> OAuth2.Redirect {
        do { return try await listener.redirect(expectedState: state) } catch { throw Self.explain(error) }
    }

    /// Trades the code for an access token on the account's own host; returns the token and
    /// the profile updated with where the account lives and who it is.
    public func exchange(_ redirect: OAuth2.Redirect) async throws -> (Secret, Profile) {
        var profile = profile
        if !profile.sandbox {
            // Only pCloud's two hosts: the client secret never goes to a host named in a URL.
            switch redirect.endpoint {
            case .us?: profile.set(endpoint: .us)
            case .eu?: profile.set(endpoint: .eu)
            default: break
            }
        }
        let account = Account(profileName: nil, profile: profile, tokens: ProfileTokens())
        let client = try account.client()
        return try await cloud {
            let token = try await client.oauth2Token(clientID: app.clientID, clientSecret: app.clientSecret,
                                                     code: redirect.code)
            profile.email = try await client.userinfo().email
            return (Secret(token.access_token), profile)
        }
    }

    static func explain(_ error: any Error) -> any Error {
        guard let e = error as? OAuth2.RedirectError else { return error }
        return switch e {
        case .denied(let why): CommanderError(.cloud, "the sign-in was not approved (\(why))", category: .auth)
        case .stateMismatch: CommanderError(.cloud, "the redirect's state does not match this sign-in; start `pcmd login` again",
                                            category: .auth)
        case .missingCode: CommanderError(.cloud, "the redirect carries no code", category: .auth)
        }
    }
}

extension Accounts {
    /// The OAuth app to sign in with: the sandbox's own client for a sandbox, else
    /// `PCMD_CLIENT_ID`/`PCMD_CLIENT_SECRET`, else `[oauth]` in config.toml.
    public func oauthApp(for profile: Profile) throws -> OAuthApp {
        if let id = env("PCMD_CLIENT_ID"), let secret = env("PCMD_CLIENT_SECRET") {
            return OAuthApp(clientID: id, clientSecret: secret)
        }
        if profile.sandbox { return .sandbox }
        if let app = config.oauth { return app }
        throw CommanderError(.local, """
            no OAuth client is configured: set PCMD_CLIENT_ID and PCMD_CLIENT_SECRET (or [oauth] client_id and \
            client_secret in \(folder.configFile.path)), or sign in with `pcmd login --password`
            """, category: .auth)
    }
}
