import Foundation
import Testing

/// `pcmd [options]` opens the file manager; its options are read by a fast path (FastLaunch)
/// unless the line holds anything more, which goes to ArgumentParser. Both must read a line
/// alike. A theme that does not exist stops the launch before the terminal, with or without a
/// repeated option (which ArgumentParser takes, last one winning, and the fast path leaves to it).
@Suite struct LaunchOptionsTests {
    /// An account from the environment, so no launch here reaches the network; colours on, or
    /// the theme would be `mono` whatever the command line says.
    func home() async throws -> ConfigHome {
        var home = try await ConfigHome.signedIn()
        home.env["NO_COLOR"] = ""
        return home
    }

    @Test func everyLaunchOptionReadsAsArgumentParserReadsIt() async throws {
        let home = try await home()
        let info = try await CLI.sandbox()
        let options: [(String, String)] = [
            ("profile", "work"), ("sandbox", info.httpsURL!), ("ca-file", info.caPath!), ("user", "bob"),
            ("local", home.root.path), ("cloud-path", "/Documents"),
        ]
        for (name, value) in options {
            for given in [["--\(name)", value], ["--\(name)=\(value)"]] {
                let fast = try await home.run(given + ["--theme", "no-such-theme"], timeout: .seconds(30))
                let parsed = try await home.run(["--theme", "default"] + given + ["--theme", "no-such-theme"], timeout: .seconds(30))
                #expect(fast.status == 2, "\(given): \(fast)")
                #expect(fast.stderr.contains("theme 'no-such-theme' not found"), "\(given): \(fast)")
                #expect(fast.status == parsed.status && fast.stderr == parsed.stderr, "\(given)\nfast: \(fast)\nparsed: \(parsed)")
            }
        }
    }

    @Test func valuesReachTheirOwnOptions() async throws {
        let home = try await home()
        for (given, said) in [(["--sandbox", "not-a-url"], "not not-a-url"),
                              (["--ca-file=/no/such/ca.pem"], "cannot read the CA file /no/such/ca.pem")] {
            let fast = try await home.run(given + ["--theme", "default"], timeout: .seconds(30))
            let parsed = try await home.run(["--theme", "mono"] + given + ["--theme", "default"], timeout: .seconds(30))
            #expect(fast.status == 1 && fast.stderr.contains(said), "\(given): \(fast)")
            #expect(fast.status == parsed.status && fast.stderr == parsed.stderr, "\(given)\nfast: \(fast)\nparsed: \(parsed)")
        }
    }

    @Test func anythingElseIsArgumentParsers() async throws {
        let home = try await home()
        let unknown = try await home.run(["--local", "/tmp", "--bogus", "x"], timeout: .seconds(30))
        #expect(unknown.status == 2 && unknown.stderr.contains("Unknown option '--bogus'"), "\(unknown)")
        let missing = try await home.run(["--local"], timeout: .seconds(30))
        #expect(missing.status == 2 && missing.stderr.contains("Missing value for '--local <dir>'"), "\(missing)")
    }
}
