import Foundation
import Testing

/// `pcmd --version` for scripts, `pcmd version --json` for bug reports.
@Suite struct VersionTests {
    @Test func versionFlagAndVersionCommandAgree() async throws {
        let home = ConfigHome()
        let flag = try await home.run(["--version"])
        #expect(flag.status == 0 && flag.stderr.isEmpty, "\(flag)")
        let version = flag.stdout.trimmingCharacters(in: .newlines)
        #expect(version.wholeMatch(of: /\d+\.\d+\.\d+/) != nil, "\(flag)")

        let json = try await home.run(["version", "--json"])
        #expect(json.status == 0, "\(json)")
        let facts = try json.json()
        #expect(facts["version"] as? String == version)
        let commit = try #require(facts["commit"] as? String)
        #expect(commit.wholeMatch(of: /[0-9a-f]{12}(\+dirty)?|unknown/) != nil, "\(commit)")
        let swift = try #require(facts["swift"] as? String)
        #expect(swift.wholeMatch(of: /\d+\.\d+(\.\d+)?/) != nil, "\(swift)")

        let plain = try await home.run(["version"])
        #expect(plain.stdout == "pcmd \(version) (commit \(commit), Swift \(swift))\n", "\(plain)")
        // The man page carries it too.
        #expect(try await home.run(["help-man"]).stdout.contains("\"pcmd \(version)\""))
    }

    /// The commit is one of this checkout's (when the tests run in one).
    @Test func theCommitIsOneOfTheCheckouts() async throws {
        let facts = try await ConfigHome().run(["version", "--json"]).json()
        let commit = try #require(facts["commit"] as? String).replacingOccurrences(of: "+dirty", with: "")
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", repo.path, "cat-file", "-e", commit + "^{commit}"]
        git.standardError = FileHandle.nullDevice
        try git.run()
        git.waitUntilExit()
        #expect(git.terminationStatus == 0, "\(commit) is not a commit of \(repo.path)")
    }
}
