import Foundation
import NIOConcurrencyHelpers
@testable import PCloudAPI
import Testing

@Suite struct AuthTests {
    @Test func bearerTokenReadsUserinfo() async throws {
        let client = try await Env.client()
        let me = try await client.userinfo()
        #expect(me.email == "alice@example.com")
        #expect(me.quota > 0)
    }

    @Test func digestSignInGivesASessionTokenForTokenMethods() async throws {
        let user = try await Env.user(1)
        let client = try await Env.client(1, oauth: false)
        let auth = try await client.signIn(email: user.email, password: user.password)
        #expect(!auth.isEmpty && client.credentials.sessionToken == auth)
        #expect(try await client.userinfo().email == user.email)
        let tokens = try await client.listTokens()
        #expect(!tokens.isEmpty)

        // A second session, deleted through the first.
        let other = try await Env.client(1, oauth: false)
        try await other.signIn(email: user.email, password: user.password)
        let before = Set(try await client.listTokens().map(\.tokenid))
        #expect(before.count >= 2)
        let newest = try #require(before.max())
        try await client.deleteToken(newest)
        #expect(!(try await client.listTokens().map(\.tokenid)).contains(newest))

        #expect(try await client.logout() == true)
        #expect(client.credentials.sessionToken == nil)
        client.setSessionToken(auth)
        await expectCode(2000) { try await client.userinfo() }
    }

    @Test func wrongPasswordIsLoginFailed() async throws {
        let client = try await Env.client(oauth: false)
        await expectCode(2000) { try await client.signIn(email: "alice@example.com", password: "wrong-password") }
        #expect(client.credentials.sessionToken == nil)
    }

    @Test func noCredentialsIsLoginRequired() async throws {
        let client = try await Env.client(oauth: false)
        await expectCode(1000) { try await client.listFolder(0) }
    }

    @Test func sessionOnlyMethodsWithoutSessionAskForPassword() async throws {
        let client = try await Env.client()
        do {
            _ = try await client.listTokens()
            Issue.record("listtokens succeeded with only an OAuth token")
        } catch let e as PCloudError {
            #expect(e.kind == .passwordSignInRequired)
            #expect(e.category == .auth)
            #expect(e.message.contains("password"))
        }
        await #expect(throws: PCloudError.self) { try await client.trashClear(.folder(0)) }
    }

    @Test func oauthTokenIsRefusedByTokenMethodsOnTheServer() async throws {
        // The live service refuses OAuth tokens here; the client never tries, but the server agrees.
        let client = try await Env.client()
        await expectCode(1000) { try await client.call("listtokens", auth: .account, idempotent: true, as: Empty.self) }
    }

    @Test func twoFactorSignInAsksForTheCode() async throws {
        let carol = try await Env.user(2)
        let code = try #require(carol.tfaCode)
        // Without a prompt: a distinct error, no token.
        let noPrompt = try await Env.client(oauth: false)
        do {
            try await noPrompt.signIn(email: carol.email, password: carol.password)
            Issue.record("a two-factor account signed in without a code")
        } catch let e as PCloudError {
            #expect(e.kind == .twoFactorRequired && e.category == .auth)
        }
        #expect(noPrompt.credentials.sessionToken == nil)

        // A wrong code first: the prompt is asked again with the error, then the right code works.
        let client = try await Env.client(oauth: false)
        let asked = NIOLockedValueBox<[Int]>([])
        let wrong = code == "000000" ? "111111" : "000000"
        let auth = try await client.signIn(email: carol.email, password: carol.password, trustDevice: true) { challenge, previous in
            #expect(!challenge.token.isEmpty)
            asked.withLockedValue { $0.append(previous?.code ?? 0) }
            return previous == nil ? wrong : code
        }
        #expect(asked.withLockedValue { $0 } == [0, 2092])
        #expect(!auth.isEmpty && client.credentials.sessionToken == auth)
        #expect(try await client.userinfo().email == carol.email)
        #expect(try await client.listTokens().isEmpty == false)

        // A user without two-factor is never prompted; a bogus challenge token is refused (2064).
        let alice = try await Env.user(0)
        let plain = try await Env.client(oauth: false)
        _ = try await plain.signIn(email: alice.email, password: alice.password) { _, _ in
            Issue.record("2FA prompt for a user without 2FA")
            return nil
        }
        await expectCode(2064) {
            try await plain.completeTwoFactor(TwoFactorChallenge(token: "bogus"), trustDevice: false) { _, previous in
                previous == nil ? code : nil
            }
        }
    }

    @Test func oauth2CodeFlowAgainstTheSandbox() async throws {
        let sandbox = try await Env.shared.value
        let info = sandbox.info
        let client = try await Env.client(oauth: false)
        let state = OAuth2.makeState()
        let base = URL(string: info.httpsURL!)!.appendingPathComponent("oauth2/authorize")
        let authorize = OAuth2.authorizeURL(clientID: info.oauthClientID, redirectURI: "http://localhost:9/cb",
                                            state: state, base: base)
        #expect(authorize.query?.contains("state=\(state)") == true)
        // The consent page, then its form as a browser would post it (as alice).
        let (page, status) = try await client.fetchURL(authorize)
        #expect(status == 200 && String(decoding: page, as: UTF8.self).contains("alice@example.com"))
        let form = "client_id=\(info.oauthClientID)&response_type=code&redirect_uri=http%3A%2F%2Flocalhost%3A9%2Fcb"
            + "&state=\(state)&email=alice%40example.com"
        let (location, redirectStatus) = try await client.fetchURL(
            base, method: .POST, headers: [("Content-Type", "application/x-www-form-urlencoded")], body: form)
        #expect(redirectStatus == 302)
        let redirectURL = try #require(URL(string: String(decoding: location, as: UTF8.self)))
        #expect(throws: OAuth2.RedirectError.stateMismatch) {
            try OAuth2.parseRedirect(redirectURL, expectedState: "other")
        }
        let redirect = try OAuth2.parseRedirect(redirectURL, expectedState: state)
        #expect(redirect.locationid == 1 && redirect.hostname != nil)

        let token = try await client.oauth2Token(clientID: info.oauthClientID, clientSecret: info.oauthClientSecret,
                                                 code: redirect.code)
        #expect(!token.access_token.isEmpty && token.locationid == 1)
        #expect(client.credentials.oauthToken == token.access_token)
        #expect(try await client.userinfo().email == "alice@example.com")
        // Codes are single use; a wrong secret is refused.
        let again = try await Env.client(oauth: false)
        await expectCode(2012) {
            try await again.oauth2Token(clientID: info.oauthClientID, clientSecret: info.oauthClientSecret, code: redirect.code)
        }
        await expectCode(2000) { try await again.oauth2Token(clientID: info.oauthClientID, clientSecret: "x", code: "y") }
        #expect(again.credentials.oauthToken == nil)
        #expect(try await client.logout(.oauth) == true)
        #expect(client.credentials.oauthToken == nil)
    }

    @Test func regionsAndServers() async throws {
        #expect(Endpoint.us.baseURL.host == "api.pcloud.com")
        #expect(Endpoint.eu.baseURL.host == "eapi.pcloud.com")
        #expect(Endpoint(locationid: 2) == .eu)
        let client = try await Env.client()
        let servers = await client.apiServers()
        #expect(!servers.isEmpty)
        let near = await client.nearest()
        #expect(try await near.userinfo().email == "alice@example.com")
        #expect(!(try await client.currentServer().hostname.isEmpty))
        #expect(try await client.progressHost() === client)
    }

    @Test func plainHTTPAndUntrustedTLS() async throws {
        let sandbox = try await Env.shared.value
        let http = try PCloudClient(endpoint: .custom(URL(string: sandbox.info.httpURL!)!),
                                    credentials: Credentials(oauthToken: sandbox.info.users[0].token))
        #expect(try await http.userinfo().userid > 0)
        // Without the sandbox CA, its certificate must not be trusted.
        let strict = try PCloudClient(endpoint: .custom(URL(string: sandbox.info.httpsURL!)!),
                                      credentials: Credentials(oauthToken: sandbox.info.users[0].token),
                                      config: TransportConfig(connectTimeout: .seconds(2), retry: .none))
        do {
            _ = try await strict.userinfo()
            Issue.record("untrusted certificate accepted")
        } catch let e as PCloudError {
            #expect(e.kind == .transport)
        }
    }
}
