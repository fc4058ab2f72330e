import Foundation
import SourceServer
import Testing

/// Names and server text reach the terminal escaped (`\e`, `\a`, `\u202e`, …), never raw; `--json`
/// keeps the exact string.
@Suite struct TerminalSafetyTests {
    /// A name that, written raw, would set the clipboard (OSC 52), and one that would turn the
    /// rest of the line around (U+202E RIGHT-TO-LEFT OVERRIDE).
    static let evil = "evil\u{1B}]52;c;ZXZpbA==\u{07}"
    static let shownEvil = #"evil\e]52;c;ZXZpbA==\a"#
    static let flipped = "flip\u{202E}txt.exe"
    static let shownFlipped = #"flip\u202etxt.exe"#

    /// Neither an escape, a bell nor a bidi control anywhere in `text`.
    func clean(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F || $0.value == 0x202E }
    }

    @Test func lsFindCompareAndErrorsEscapeNamesAndJSONKeepsThem() async throws {
        let home = try await ConfigHome.signedIn()
        let top = try await home.makeRemoteFolder("esc")
        #expect(try await home.run(["mkdir", "\(top)/\(Self.evil)", "\(top)/\(Self.flipped)"]).status == 0)

        let ls = try await home.run(["ls", top])
        #expect(ls.status == 0 && clean(ls.stdout), "\(ls)")
        #expect(ls.stdout.contains(Self.shownEvil + "/") && ls.stdout.contains(Self.shownFlipped + "/"), "\(ls)")
        let long = try await home.run(["ls", "-l", "-R", top])
        #expect(clean(long.stdout) && long.stdout.contains(Self.shownEvil), "\(long)")

        let json = try await home.run(["ls", "--json", top])
        #expect(clean(json.stdout), "JSON escapes controls as \\u…: \(json)")
        let names = try json.json()["contents"] as? [[String: Any]]
        #expect(Set(names?.compactMap { $0["name"] as? String } ?? []) == [Self.evil, Self.flipped], "\(json)")

        let find = try await home.run(["find", top, "evil"])
        #expect(find.status == 0 && clean(find.stdout) && find.stdout.contains(Self.shownEvil), "\(find)")

        let local = try home.makeLocalFolder("esc")
        let compare = try await home.run(["compare", local.path, top])
        #expect(clean(compare.stdout) && compare.stdout.contains(Self.shownFlipped), "\(compare)")

        // The path comes back in the error message.
        let missing = try await home.run(["ls", "\(top)/\(Self.evil)/nothing"])
        #expect(missing.status == 1 && clean(missing.stderr) && missing.stderr.contains(Self.shownEvil), "\(missing)")
    }

    @Test func sharesEscapeTheNameTheSharerChose() async throws {
        let alice = try await ConfigHome.signedIn(0)
        let bob = try await ConfigHome.signedIn(1)
        let top = try await alice.makeRemoteFolder("esc-share")
        let folder = "\(top)/\(Self.evil)"
        #expect(try await alice.run(["mkdir", folder]).status == 0)
        #expect(try await alice.run(["share", folder, try await demoEmail(1)]).status == 0)
        let shares = try await bob.run(["shares"])
        #expect(shares.status == 0 && clean(shares.stdout) && shares.stdout.contains(Self.shownEvil), "\(shares)")
    }

    @Test func aServersErrorTextIsEscaped() async throws {
        let server = try await SourceServer.start(
            answering: #"{"result": 2000, "error": "Log in failed.\u001b]52;c;ZXZpbA==\u0007\u202e"}"#)
        defer { Task { await server.stop() } }
        var home = ConfigHome()
        home.env = ["PCMD_TOKEN": "token", "PCMD_SANDBOX": server.url("")]
        let out = try await home.run(["ls", "pc:/"])
        #expect(out.status == 3, "\(out)")
        #expect(clean(out.stderr) && out.stderr.contains(#"log in failed.\e]52;c;ZXZpbA==\a\u202e"#), "\(out)")
    }
}
