import Foundation
import Testing

@Suite struct ListCommandTests {
    /// With no account at all, `ls` says how to sign in and, as the file manager does on its
    /// first start, where demo data is until then; still exit 3, listing nothing.
    @Test func lsWithNoAccountSaysHowToSignInAndWhereTheDemoIs() async throws {
        let home = ConfigHome()
        let ls = try await home.run(["ls", "pc:/"])
        #expect(ls.status == 3 && ls.stdout.isEmpty, "\(ls)")
        #expect(ls.stderr == "pcmd: not signed in — `pcmd login` connects your pCloud account; until then `pcmd` "
                + "opens the file manager on demo data (a local pCloud-compatible server, not your pCloud)\n", "\(ls)")
        // A profile named on the command line is about that profile, not the demo.
        let named = try await home.run(["ls", "--profile", "work", "pc:/"])
        #expect(named.status == 3 && named.stderr.contains("not signed in (profile \"work\"): run `pcmd login --profile work`"),
                "\(named)")
    }

    @Test func mkdirThenLsShowsFoldersAsTextAndJSON() async throws {
        let home = try await ConfigHome.signedIn()
        let top = try await home.makeRemoteFolder("ls")
        #expect(try await home.run(["mkdir", "-p", "\(top)/a/b", "\(top)/c"]).status == 0)

        let plain = try await home.run(["ls", top])
        #expect(plain.status == 0, "\(plain)")
        #expect(plain.stdout == "a/\nc/\n")

        let long = try await home.run(["ls", "-l", top])
        #expect(long.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("d") }, "\(long)")

        let json = try await home.run(["ls", "--json", top]).json()
        let names = (json["contents"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(names?.sorted() == ["a", "c"])
        #expect(json["path"] as? String == String(top.dropFirst(3)))

        let lines = try await home.run(["ls", "-R", "--json", top]).jsonLines()
        let paths = lines.compactMap { $0["path"] as? String }
        #expect(paths.contains(String(top.dropFirst(3)) + "/a/b"), "\(paths)")
        #expect(lines.allSatisfy { $0["isfolder"] as? Bool == true })
    }

    @Test func theRemotePrefixComesFromTheConfig() async throws {
        let home = try await ConfigHome.signedIn()
        let top = try await home.makeRemoteFolder("prefix")
        try FileManager.default.createDirectory(at: home.configDir, withIntermediateDirectories: true)
        try "remote_prefix = \"cloud:\"\n".write(to: home.configFile, atomically: true, encoding: .utf8)
        let local = try home.makeLocalFile("p.txt", content: Data("prefixed".utf8))
        let remote = "cloud:" + top.dropFirst(3)
        let put = try await home.run(["put", local.path, remote])
        #expect(put.status == 0, "\(put)")
        #expect(try await home.run(["ls", remote]).stdout == "p.txt\n")
    }

    @Test func lsOfAMissingPathNamesTheCodeAndAHint() async throws {
        let home = try await ConfigHome.signedIn()
        let out = try await home.run(["ls", "pc:/no-such-folder-\(UUID().uuidString)"])
        #expect(out.status == 1, "\(out)")
        #expect(out.stderr.contains("does not exist"), "\(out)")
        #expect(out.stderr.contains("pcmd ls"), "\(out)")
        #expect(out.stdout.isEmpty)
    }

    @Test func aBadTokenIsAnAuthExit() async throws {
        var home = try await ConfigHome.signedIn()
        home.env["PCMD_TOKEN"] = "not-a-token"
        let out = try await home.run(["ls", "pc:"])
        #expect(out.status == 3, "\(out)")
        #expect(out.stderr.contains("error 2"), "\(out)")
        #expect(!out.stderr.contains("not-a-token"), "tokens are never printed")
    }

    @Test func mkdirWithoutParentFailsAndRmTrashesAFolderOnlyWithR() async throws {
        let home = try await ConfigHome.signedIn()
        let top = try await home.makeRemoteFolder("mkdir")
        let orphan = try await home.run(["mkdir", "\(top)/x/y"])
        #expect(orphan.status == 1, "\(orphan)")

        #expect(try await home.run(["mkdir", "\(top)/x"]).status == 0)
        let refused = try await home.run(["rm", "\(top)/x"])
        #expect(refused.status == 1 && refused.stderr.contains("-r"), "\(refused)")
        let trashed = try await home.run(["rm", "-r", "\(top)/x"])
        #expect(trashed.status == 0, "\(trashed)")
        #expect(try await home.run(["ls", top]).stdout.isEmpty)
    }
}
