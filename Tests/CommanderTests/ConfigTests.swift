import Foundation
@testable import Commander
import Testing

/// config.toml and tokens.toml through TOMLKit, in temporary folders.
@Suite struct ConfigTests {
    func folder() -> ConfigFolder {
        ConfigFolder(url: FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-config-\(UUID().uuidString)/pcmd"))
    }

    @Test func readsEveryKeyOfAHandWrittenConfig() throws {
        let f = folder()
        try FileManager.default.createDirectory(at: f.url, withIntermediateDirectories: true)
        try """
            default_profile = "work"
            theme = "midnight"
            remote_prefix = "cloud:"

            [concurrency]
            jobs = 3
            transfers = 8

            [confirm]
            delete = false

            [oauth]
            client_id = "id"
            client_secret = "secret"

            [keymap]
            "ctrl-r" = "reload"

            [keymap.trash]
            "R" = "restore"

            [profiles.work]
            region = "eu"
            email = "me@example.com"

            [profiles.play]
            api = "https://127.0.0.1:8781"
            ca_file = "/tmp/ca.pem"
            sandbox = true
            """.write(to: f.configFile, atomically: true, encoding: .utf8)
        let c = try Config.load(from: f)
        #expect(c.defaultProfile == "work")
        #expect(c.theme == "midnight")
        #expect(c.remotePrefix == "cloud:")
        #expect(c.concurrency == Concurrency(jobs: 3, transfers: 8))
        #expect(c.confirm == Confirm(delete: false, overwrite: true, quit: false))
        #expect(c.oauth == OAuthApp(clientID: "id", clientSecret: "secret"))
        #expect(c.keymap == KeymapConfig(panes: ["ctrl-r": "reload"], contexts: ["trash": ["R": "restore"]]))
        #expect(c.profiles["work"]?.endpoint == .eu)
        #expect(c.profiles["play"]?.endpoint == .custom(URL(string: "https://127.0.0.1:8781")!))
        #expect(c.profiles["play"]?.sandbox == true)
        #expect(c.profiles["play"]?.caFile == "/tmp/ca.pem")
    }

    @Test func aMissingFileIsTheDefaults() throws {
        let c = try Config.load(from: folder())
        #expect(c == Config())
        #expect(c.remotePrefix == "pc:")
        #expect(c.fallbackProfile == "default")
    }

    @Test func savedConfigReadsBackAndKeepsUTF8AsWritten() throws {
        let f = folder()
        var c = Config(defaultProfile: "Zoë", theme: "dark")
        c.profiles["Zoë"] = Profile(region: .eu, email: "zoë@example.com")
        c.keymap = KeymapConfig(panes: ["C-p": "publink"], contexts: ["trash": ["R": "restore"]])
        try c.save(to: f)
        #expect(try Config.load(from: f) == c)
        #expect(try String(contentsOf: f.configFile, encoding: .utf8).contains("zoë@example.com"))
        #expect(try Permissions.mode(of: f.url) == 0o700)
    }

    @Test func aKeymapEntryOfTheWrongKindIsNamed() throws {
        let f = folder()
        try FileManager.default.createDirectory(at: f.url, withIntermediateDirectories: true)
        try "[keymap]\nx = 3\n".write(to: f.configFile, atomically: true, encoding: .utf8)
        #expect { try Config.load(from: f) } throws: { "\($0)".contains("[keymap]: x must be \"key\" = \"command\" or a table") }
    }

    /// A config.toml that is there but not UTF-8 (a Latin-1 é in a comment) is refused, not
    /// taken for the defaults: `pcmd login` would then have written the defaults over it.
    @Test func aConfigThatIsNotUTF8IsRefusedNotTakenForTheDefaults() throws {
        let f = folder()
        try FileManager.default.createDirectory(at: f.url, withIntermediateDirectories: true)
        try Data("# caf\u{e9}\ntheme = \"light\"\n".utf8.map { $0 == 0xC3 ? 0xE9 : $0 }.filter { $0 != 0xA9 }).write(to: f.configFile)
        #expect { try Config.load(from: f) } throws: {
            let m = ($0 as? CommanderError)?.message ?? ""
            return m.contains(f.configFile.path) && m.contains("not UTF-8")
        }
    }

    /// A value of the wrong kind is said as the key and what is wrong, not Swift's DecodingError.
    @Test func aBadValueIsNamedByItsKeyInOneSentence() throws {
        let f = folder()
        try FileManager.default.createDirectory(at: f.url, withIntermediateDirectories: true)
        for (text, said) in [("[transfers]\nbwlimit = \"-5M\"\n", "transfers.bwlimit: [transfers] bwlimit “-5M” is not a rate"),
                             ("theme = 5\n", "theme: ")] {
            try text.write(to: f.configFile, atomically: true, encoding: .utf8)
            #expect { try Config.load(from: f) } throws: {
                let m = ($0 as? CommanderError)?.message ?? ""
                return m.hasPrefix("cannot read \(f.configFile.path): \(said)") && !m.contains("DecodingError") && !m.contains("Debug description")
            }
        }
    }

    @Test func aBrokenConfigNamesTheFile() throws {
        let f = folder()
        try FileManager.default.createDirectory(at: f.url, withIntermediateDirectories: true)
        try "default_profile = [".write(to: f.configFile, atomically: true, encoding: .utf8)
        #expect { try Config.load(from: f) } throws: { ($0 as? CommanderError)?.message.contains(f.configFile.path) == true }
    }

    @Test func tokensAreWrittenPrivatelyAndNeverPrinted() throws {
        let f = folder()
        let tokens = ProfileTokens(oauth: Secret("oauth-secret"), session: Secret("session-secret"))
        try TokenFile(profiles: ["a": tokens, "empty": ProfileTokens()]).save(to: f)
        #expect(try Permissions.mode(of: f.tokensFile) == 0o600)
        let back = try TokenFile.load(from: f)
        #expect(back.profiles == ["a": tokens])
        #expect(!"\(tokens)".contains("secret"))
        #expect(!String(reflecting: tokens).contains("secret"))
    }

    @Test func aTokenFileOthersCanReadIsRefused() throws {
        let f = folder()
        try TokenFile(profiles: ["a": ProfileTokens(oauth: Secret("x"))]).save(to: f)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: f.tokensFile.path)
        #expect { try TokenFile.load(from: f) } throws: { e in
            guard let e = e as? CommanderError else { return false }
            return e.category == .auth && e.message.contains("chmod 600")
        }
    }
}
