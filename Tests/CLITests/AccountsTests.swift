import Foundation
import Testing

/// `pcmd login`, `whoami`, `logout` end to end: the real binary, the sandbox's OAuth page, real
/// files in a temporary config folder.
@Suite struct AccountsTests {
    /// The tokens pcmd stored for `profile` (read straight from tokens.toml).
    func storedTokens(_ home: ConfigHome, profile: String = "sandbox") throws -> (oauth: String?, session: String?) {
        let text = try String(contentsOf: home.tokensFile, encoding: .utf8)
        let table = text.components(separatedBy: "[profiles.\(profile)]").dropFirst().first?
            .components(separatedBy: "\n[").first ?? ""
        func value(_ key: String) -> String? {
            guard let line = table.split(separator: "\n").first(where: { $0.hasPrefix("\(key) ") }) else { return nil }
            return line.split(separator: "=", maxSplits: 1).last?.trimmingCharacters(in: CharacterSet(charactersIn: " '\""))
        }
        return (value("oauth_token"), value("session_token"))
    }

    @Test func oauthLoginFollowsTheRedirectAndStoresAPrivateToken() async throws {
        let home = ConfigHome()
        let login = try await home.oauthLogin(0)
        #expect(login.status == 0, "\(login)")
        #expect(login.stdout.contains("alice@example.com"))
        #expect(login.stdout.contains("SANDBOX"))

        #expect(try permissions(home.tokensFile) == 0o600)
        #expect(try permissions(home.configDir) == 0o700)
        let tokens = try storedTokens(home)
        let oauth = try #require(tokens.oauth)
        #expect(tokens.session == nil)
        let config = try String(contentsOf: home.configFile, encoding: .utf8)
        #expect(config.contains("default_profile = 'sandbox'") || config.contains("default_profile = \"sandbox\""), "\(config)")
        #expect(!config.contains(oauth))

        // The profile alone now reaches the sandbox: no --sandbox needed.
        let whoami = try await home.run(["whoami", "--json"])
        #expect(whoami.status == 0, "\(whoami)")
        let json = try whoami.json()
        #expect(json["email"] as? String == "alice@example.com")
        #expect(json["sandbox"] as? Bool == true)
        #expect(json["oauth_token"] as? Bool == true)
        #expect(json["session_token"] as? Bool == false)
        #expect(!whoami.stdout.contains(oauth))

        let text = try await home.run(["whoami"])
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.contains("SANDBOX"))
        #expect(text.stdout.contains("quota    ["))
        #expect(!text.stdout.contains(oauth) && !text.stderr.contains(oauth))
    }

    @Test func pastedRedirectAddressIsTheFallback() async throws {
        let home = ConfigHome()
        let info = try await CLI.sandbox()
        let (login, url) = try await home.startOAuthLogin(["--profile", "pasted"], openInput: true)
        // The browser ends on an address pcmd's listener never sees (it ran on another machine): paste it.
        let location = try await Browser.approveWithoutFollowing(url, as: info.users[1].email)
        #expect(location.contains("code="))
        login.type(location + "\n")
        let out = try await login.finish(timeout: .seconds(60))
        #expect(out.status == 0, "\(out)")
        let whoami = try await home.run(["whoami", "--json", "--profile", "pasted"])
        #expect(try whoami.json()["email"] as? String == "bob@example.com", "\(whoami)")
    }

    @Test func aRedirectWithAnotherStateIsRefused() async throws {
        let home = ConfigHome()
        let info = try await CLI.sandbox()
        let (login, url) = try await home.startOAuthLogin()
        let forged = url.replacingOccurrences(of: "state=", with: "state=forged")
        let answer = try await Browser.approve(forged, as: info.users[0].email)
        #expect(answer.status == 400)
        let out = try await login.finish(timeout: .seconds(60))
        #expect(out.status == 3, "\(out)")
        #expect(out.stderr.contains("state"))
        #expect(!FileManager.default.fileExists(atPath: home.tokensFile.path))
    }

    @Test func passwordLoginKeepsOnlyTheSessionToken() async throws {
        let home = ConfigHome()
        let info = try await CLI.sandbox()
        let login = try await home.passwordLogin(1)
        #expect(login.status == 0, "\(login)")
        #expect(try permissions(home.tokensFile) == 0o600)
        let stored = try String(contentsOf: home.tokensFile, encoding: .utf8)
        #expect(!stored.contains(info.users[1].password))
        #expect(!(try String(contentsOf: home.configFile, encoding: .utf8)).contains(info.users[1].password))
        let tokens = try storedTokens(home)
        #expect(tokens.session != nil && tokens.oauth == nil)

        let whoami = try await home.run(["whoami", "--json"])
        let json = try whoami.json()
        #expect(json["email"] as? String == "bob@example.com", "\(whoami)")
        #expect(json["session_token"] as? Bool == true)
        #expect(json["oauth_token"] as? Bool == false)
    }

    @Test func twoFactorPasswordLoginTakesTheCode() async throws {
        let home = ConfigHome()
        let login = try await home.passwordLogin(2)
        #expect(login.status == 0, "\(login)")
        let whoami = try await home.run(["whoami", "--json"])
        #expect(try whoami.json()["email"] as? String == "carol@example.com", "\(whoami)")
    }

    @Test func aWrongTwoFactorCodeSaysSoAndStoresNothing() async throws {
        let home = ConfigHome()
        let carol = try await CLI.sandbox().users[2]
        let out = try await home.runOnSandbox(["login", "--password", "--email", carol.email, "--code", "000000"],
                                              stdin: carol.password + "\n")
        #expect(out.status == 3, "\(out)")
        #expect(out.stderr.contains("two-factor code was not accepted"), "\(out)")
        #expect(!FileManager.default.fileExists(atPath: home.tokensFile.path))
    }

    @Test func aWrongPasswordIsAnAuthError() async throws {
        let home = ConfigHome()
        let out = try await home.runOnSandbox(["login", "--password", "--email", "alice@example.com"], stdin: "nope\n")
        #expect(out.status == 3, "\(out)")
        #expect(out.stderr.contains("error 2000: log in failed"), "\(out)")
    }

    @Test func passwordLoginAddsASessionTokenToAnOAuthProfile() async throws {
        let home = ConfigHome()
        #expect(try await home.oauthLogin(0, profile: "both").status == 0)
        let before = try storedTokens(home, profile: "both")
        let out = try await home.passwordLogin(0, profile: "both")
        #expect(out.status == 0, "\(out)")
        let after = try storedTokens(home, profile: "both")
        #expect(after.oauth == before.oauth && after.oauth != nil)
        #expect(after.session != nil)
        let json = try await home.run(["whoami", "--json", "--profile", "both"]).json()
        #expect(json["oauth_token"] as? Bool == true)
        #expect(json["session_token"] as? Bool == true)
    }

    @Test func aPasswordLoginOfAnotherAccountReplacesTheProfilesTokens() async throws {
        let home = ConfigHome()
        #expect(try await home.oauthLogin(0).status == 0)
        #expect(try await home.passwordLogin(1).status == 0)
        let tokens = try storedTokens(home)
        #expect(tokens.oauth == nil && tokens.session != nil)
        #expect(try await home.run(["whoami", "--json"]).json()["email"] as? String == "bob@example.com")
    }

    @Test func aTokenFileOthersCanReadIsRefused() async throws {
        let home = ConfigHome()
        #expect(try await home.passwordLogin(0).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: home.tokensFile.path)
        let out = try await home.run(["whoami"])
        #expect(out.status == 3, "\(out)")
        #expect(out.stderr.contains("chmod 600 \(home.tokensFile.path)"), "\(out)")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: home.tokensFile.path)
        #expect(try await home.run(["whoami"]).status == 0)
    }

    @Test func logoutRevokesBothTokensOnTheServer() async throws {
        let home = ConfigHome()
        #expect(try await home.oauthLogin(0).status == 0)
        #expect(try await home.passwordLogin(0).status == 0)
        let tokens = try storedTokens(home)
        let oauth = try #require(tokens.oauth), session = try #require(tokens.session)
        let info = try await CLI.sandbox()
        #expect(try await Browser.fetch("\(info.httpsURL!)/userinfo?auth=\(session)").body.contains("\"result\":0"))

        let out = try await home.run(["logout"])
        #expect(out.status == 0, "\(out)")
        #expect(try storedTokens(home) == (nil, nil))
        let whoami = try await home.run(["whoami"])
        #expect(whoami.status == 3, "\(whoami)")
        #expect(whoami.stderr.contains("not signed in"))

        // The server no longer takes either token.
        let reused = try await home.runOnSandbox(["whoami"], env: ["PCMD_TOKEN": oauth])
        #expect(reused.status == 3, "\(reused)")
        #expect(!(try await Browser.fetch("\(info.httpsURL!)/userinfo?auth=\(session)").body.contains("\"result\":0")))
    }

    @Test func pcmdTokenOverridesTheProfile() async throws {
        let home = ConfigHome()
        #expect(try await home.passwordLogin(1).status == 0)
        let alice = try await CLI.sandbox().users[0]
        let out = try await home.run(["whoami", "--json"], env: ["PCMD_TOKEN": alice.token])
        let json = try out.json()
        #expect(json["email"] as? String == "alice@example.com", "\(out)")
        #expect(json["profile"] == nil)
        #expect(try await home.run(["whoami", "--json"]).json()["email"] as? String == "bob@example.com")
    }

    @Test func notSignedInIsAnAuthErrorThatSaysHow() async throws {
        let out = try await ConfigHome().run(["whoami"])
        #expect(out.status == 3, "\(out)")
        #expect(out.stderr.contains("pcmd login"))
    }

    @Test func aPCloudProfilesTokensAreNotSentToASandbox() async throws {
        let home = ConfigHome()
        try FileManager.default.createDirectory(at: home.configDir, withIntermediateDirectories: true)
        try "default_profile = 'work'\n[profiles.work]\nregion = 'eu'\nemail = 'me@example.com'\n"
            .write(to: home.configFile, atomically: true, encoding: .utf8)
        try "[profiles.work]\noauth_token = 'real-secret'\n".write(to: home.tokensFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: home.tokensFile.path)
        let out = try await home.runOnSandbox(["whoami", "--profile", "work"])
        #expect(out.status == 3, "\(out)")
        #expect(out.stderr.contains("not sent to a sandbox"), "\(out)")
    }

    @Test func signingInAgainKeepsAHandEditedConfig() async throws {
        let home = ConfigHome()
        #expect(try await home.passwordLogin(0).status == 0)
        #expect(try permissions(home.configFile) == 0o600)
        let edited = "# my settings\n" + (try String(contentsOf: home.configFile, encoding: .utf8))
        try edited.write(to: home.configFile, atomically: false, encoding: .utf8)
        #expect(try await home.passwordLogin(0).status == 0)
        #expect(try String(contentsOf: home.configFile, encoding: .utf8).hasPrefix("# my settings"))
    }

    @Test func theListenerIgnoresStrayRequestsUntilTheRedirect() async throws {
        let home = ConfigHome()
        let info = try await CLI.sandbox()
        let (login, url) = try await home.startOAuthLogin()
        let redirect = try #require(URLComponents(string: url)?.queryItems?.first { $0.name == "redirect_uri" }?.value)
        #expect(redirect.hasPrefix("http://127.0.0.1:"))
        #expect(try await Browser.fetch(redirect + "favicon.ico").status == 404)
        let answer = try await Browser.approve(url, as: info.users[0].email)
        #expect(answer.status == 200 && answer.body.contains("signed in"))
        #expect(try await login.finish(timeout: .seconds(60)).status == 0)
    }
}
