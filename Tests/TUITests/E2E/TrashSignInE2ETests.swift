import Commander
import Foundation
import PCloudAPI
import Testing
@testable import TUI

/// An account signed in through OAuth opens its trash by signing in with the password on the
/// trash screen itself (pCloud refuses the trash to OAuth tokens, REAL-SERVICE §1).
@Suite(.serialized) struct TrashSignInE2ETests {
    /// A config folder with profile "sandbox" holding only `who`'s OAuth token, as after
    /// `pcmd login` through the browser.
    static func oauthProfile(_ who: Int) async throws -> URL {
        let info = try await Env.shared.value.info
        let config = try Env.scratch().appendingPathComponent("config")
        let folder = config.appendingPathComponent("pcmd")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try """
            default_profile = "sandbox"

            [profiles.sandbox]
            api = "\(info.httpsURL!)"
            email = "\(info.users[who].email)"
            ca_file = "\(info.caPath!)"
            sandbox = true
            """.write(to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let tokens = folder.appendingPathComponent("tokens.toml")
        try "[profiles.sandbox]\noauth_token = \"\(info.users[who].token)\"\n".write(to: tokens, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: tokens.path)
        return config
    }

    @Test func aTokenFromTheEnvironmentSignsInForThisRunOnly() async throws {
        let info = try await Env.shared.value.info
        let alice = info.users[0]
        let local = try Env.scratch(), home = try Env.scratch()
        let t = try Tmux(["--local", local.path],
                         env: ["PCMD_TOKEN": alice.token, "PCMD_API": info.httpsURL!, "PCMD_CA_FILE": info.caPath!,
                               "XDG_DATA_HOME": home.appendingPathComponent("data").path,
                               "XDG_CONFIG_HOME": home.appendingPathComponent("config").path],
                         dir: local)
        #expect(await t.waitFor("Documents").ok)
        try t.keys("Tab", "t")
        let asked = await t.waitFor("Sign in for the trash")
        #expect(asked.ok, "\(asked.screen)")
        #expect(asked.screen.contains("kept for this run"))
        // The email comes from the account (userinfo); the cursor waits in the password field.
        #expect(await t.waitFor(alice.email).ok)
        try t.type(alice.password)
        // Nothing of the password is drawn.
        #expect(!t.screen.contains(alice.password))
        try t.keys("Enter")
        // The trash opens, and a file deleted from /Photos of the demo says where it was.
        let trash = await t.wait { $0.contains("blurry shot.png") && $0.contains("/Photos ") }
        #expect(trash.ok, "\(trash.screen)")
        #expect(!trash.screen.contains("(unknown folder)"))
        // Nothing was written: the token lived in memory.
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("config/pcmd/tokens.toml").path))
        try t.keys("q", "F10")
        _ = await t.exitReport()
    }

    @Test func aStoredProfileKeepsTheSessionTokenAndAsksForTheTwoFactorCode() async throws {
        let info = try await Env.shared.value.info
        let carol = try #require(info.users.first { $0.tfaCode != nil })
        let who = try #require(info.users.firstIndex { $0.email == carol.email })
        let config = try await Self.oauthProfile(who)
        let trashed = "carol-gone-\(UUID().uuidString.prefix(6)).txt"
        // carol's OAuth token alone: a password sign-in would want her code.
        let cloud = CloudDrive(client: try PCloudClient(endpoint: .custom(URL(string: info.httpsURL!)!),
                                                        credentials: Credentials(oauthToken: carol.token),
                                                        config: TransportConfig(caFile: info.caPath)))
        let folder = try await cloud.testFolder("e2e-carol", files: [trashed: "bye"])
        try await JobQueue().perform(.delete([Item(cloud, path: "/\(folder.name)/\(trashed)")], permanent: false))

        let local = try Env.scratch()
        let t = try Tmux(["--local", local.path],
                         env: ["XDG_CONFIG_HOME": config.path, "XDG_DATA_HOME": local.appendingPathComponent(".data").path],
                         dir: local)
        #expect(await t.waitFor(folder.name).ok)
        try t.keys("Tab", "t")
        let asked = await t.waitFor("Sign in for the trash")
        #expect(asked.ok && asked.screen.contains("kept in profile"), "\(asked.screen)")
        // A wrong password: said plainly, and the trash asks again on Ctrl-R.
        try t.type("not-the-password")
        try t.keys("Enter")
        #expect(await t.waitFor("password sign-in:").ok)
        try t.keys("C-r")
        #expect(await t.waitFor("Sign in for the trash").ok)
        try t.type(carol.password)
        try t.keys("Enter")
        #expect(await t.waitFor("Two-factor code").ok)
        try t.type("000000")
        try t.keys("Enter")
        #expect(await t.waitFor("That code did not work").ok)
        try t.type(carol.tfaCode!)
        try t.keys("Enter")
        let trash = await t.wait { $0.contains(trashed) && $0.contains("/\(folder.name)") }
        #expect(trash.ok, "\(trash.screen)")
        // Kept beside the OAuth token, as `pcmd login --password` keeps it.
        let tokens = try String(contentsOf: config.appendingPathComponent("pcmd/tokens.toml"), encoding: .utf8)
        #expect(tokens.contains("session_token") && tokens.contains(carol.token), "\(tokens)")
        try t.keys("q", "F10")
        _ = await t.exitReport()
    }
}
