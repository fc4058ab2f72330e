import Foundation
import Testing

/// pcmd as a user installs it: the binary alone in a folder of its own, a HOME nobody used.
extension E2ETests {
    /// The environment of a new user: HOME a fresh folder, no XDG variables (empty ones are
    /// ignored), so every default location is under HOME.
    static func freshHome(_ home: URL) -> [String: String] {
        ["HOME": home.path, "XDG_CONFIG_HOME": "", "XDG_DATA_HOME": "", "XDG_STATE_HOME": "", "XDG_CACHE_HOME": ""]
    }

    @Test func aCopiedBinaryStartsWithAFreshHomeAndKeepsEveryFileUnderIt() async throws {
        let started = Date()
        let id = UUID().uuidString.prefix(6).lowercased()
        let trashed = "trash-me-\(id).txt", bookmark = "ship-\(id)", profile = "ship-\(id)"
        // The binary alone: no themes/ beside it or above it, nothing of the checkout.
        let bin = try Env.scratch().appendingPathComponent("pcmd")
        try FileManager.default.copyItem(atPath: Tmux.binary, toPath: bin.path)
        let home = try Env.scratch()
        let dir = try Env.scratch([trashed: "bye"])

        // No account and no arguments: the file manager on its own demo sandbox.
        let t = try Tmux([], env: Self.freshHome(home), dir: dir, binary: bin.path)
        let up = await t.wait { $0.contains("SANDBOX") && $0.contains("Photos") && $0.contains(trashed) }
        #expect(up.ok, "\(up.screen)")
        try t.keys("b")
        #expect(await t.waitFor("A letter or name").ok)
        try t.type(bookmark)
        try t.keys("Enter")
        #expect(await t.waitFor("as '\(bookmark)'").ok)
        try t.keys("End", "F8")
        #expect(await t.waitFor("It goes to the trash").ok)
        try t.keys("d")
        #expect(await t.waitFor("delete “\(trashed)”: done").ok)
        // `~` in the go-to dialog is this HOME.
        try t.keys("g")
        #expect(await t.waitFor("Go to").ok)
        try t.type("~")
        try t.keys("Enter")
        let there = await t.wait { $0.contains("Local:\(home.path) ") }
        #expect(there.ok, "\(there.screen)")
        try t.keys("F10")
        let report = try #require(await t.exitReport())
        #expect(report.contains("exit=0"), "\(report)")

        // A subcommand from the same folder: a password sign-in writes the config and tokens.
        let info = try await Env.shared.value.info
        let login = try Self.runOnce(bin, ["login", "--password", "--email", info.users[1].email, "--profile", profile,
                                           "--sandbox", info.httpsURL!, "--ca-file", info.caPath!],
                                     env: Self.freshHome(home), stdin: info.users[1].password + "\n")
        #expect(login.status == 0, "\(login.output)")
        let version = try Self.runOnce(bin, ["--version"], env: Self.freshHome(home))
        #expect(version.status == 0 && version.output.first?.isNumber == true, "\(version.output)")

        // Every part wrote under HOME...
        let data = home.appendingPathComponent(".local/share")
        let fm = FileManager.default
        #expect(fm.fileExists(atPath: data.appendingPathComponent("pcmd/sandbox").path))
        #expect(try String(contentsOf: data.appendingPathComponent("pcmd/bookmarks"), encoding: .utf8).contains(bookmark))
        #expect(fm.fileExists(atPath: data.appendingPathComponent("Trash/files/\(trashed)").path))
        #expect(fm.fileExists(atPath: data.appendingPathComponent("Trash/info/\(trashed).trashinfo").path))
        #expect(try String(contentsOf: home.appendingPathComponent(".config/pcmd/config.toml"), encoding: .utf8).contains(profile))
        #expect(fm.fileExists(atPath: home.appendingPathComponent(".config/pcmd/tokens.toml").path))
        // ...and nothing under the passwd entry's home.
        let passwd = Self.passwdHome().appendingPathComponent(".local/share")
        let config = Self.passwdHome().appendingPathComponent(".config/pcmd/config.toml")
        #expect(!((try? String(contentsOf: config, encoding: .utf8)) ?? "").contains(profile))
        #expect(!((try? String(contentsOf: passwd.appendingPathComponent("pcmd/bookmarks"), encoding: .utf8)) ?? "").contains(bookmark))
        #expect(!fm.fileExists(atPath: passwd.appendingPathComponent("Trash/files/\(trashed)").path))
        let touched = Self.modified(since: started, under: passwd.appendingPathComponent("pcmd/sandbox"))
        #expect(touched.isEmpty, "the demo sandbox wrote under the passwd home: \(touched)")
    }

    /// Runs `binary args` to its end with a fresh environment's `env`; stdout and stderr together.
    static func runOnce(_ binary: URL, _ args: [String], env: [String: String], stdin: String = "") throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PCMD_") }.merging(env) { _, b in b }
        let out = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = out
        p.standardInput = input
        try p.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    static func passwdHome() -> URL {
        guard let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir else { return URL(fileURLWithPath: "/") }
        return URL(fileURLWithPath: String(cString: dir))
    }

    /// The files below `folder` changed after `date` (none when it does not exist).
    static func modified(since date: Date, under folder: URL) -> [String] {
        guard let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.contentModificationDateKey]) else { return [] }
        return walk.compactMap { $0 as? URL }.filter {
            ((try? $0.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate ?? .distantPast) > date
        }.map(\.path)
    }
}

extension E2ETests {
    /// scripts/package.sh's .deb unpacked into a temporary root runs from there. The package is
    /// $PCMD_DEB when set (a release one built by scripts/package.sh); otherwise this test packages
    /// the debug binary with the same script (`--quick`: gzip, no lintian), as a release build
    /// would add minutes to every test run.
    @Test func theDebianPackageUnpackedRunsTheFileManager() async throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..").standardized
        let deb: URL
        if let built = ProcessInfo.processInfo.environment["PCMD_DEB"] {
            deb = URL(fileURLWithPath: built)
        } else {
            let out = try Env.scratch()
            let made = try Self.runOnce(URL(fileURLWithPath: "/bin/bash"),
                                        [repo.appendingPathComponent("scripts/package.sh").path, "--binary", Tmux.binary, "--quick", "--out", out.path], env: [:])
            #expect(made.status == 0, "\(made.output)")
            let name = try #require(try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.hasSuffix("_amd64.deb") }, "\(made.output)")
            deb = out.appendingPathComponent(name)
        }
        let root = try Env.scratch()
        let unpacked = try Self.runOnce(URL(fileURLWithPath: "/usr/bin/dpkg-deb"), ["-x", deb.path, root.path], env: [:])
        #expect(unpacked.status == 0, "\(unpacked.output)")
        let bin = root.appendingPathComponent("usr/bin/pcmd")

        let version = try Self.runOnce(bin, ["--version"], env: Self.freshHome(try Env.scratch()))
        #expect(version.status == 0, "\(version.output)")
        #expect(deb.lastPathComponent == "pcmd_\(version.output.trimmingCharacters(in: .newlines))_amd64.deb")
        for file in ["usr/share/man/man1/pcmd.1.gz", "usr/share/bash-completion/completions/pcmd", "usr/share/zsh/vendor-completions/_pcmd",
                     "usr/share/fish/vendor_completions.d/pcmd.fish", "usr/share/doc/pcmd/copyright", "usr/share/doc/pcmd/changelog.gz"] {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(file).path), "\(file) missing")
        }
        let depends = try Self.runOnce(URL(fileURLWithPath: "/usr/bin/dpkg-deb"), ["-f", deb.path, "Depends"], env: [:])
        #expect(depends.output.contains("libc6"), "\(depends.output)")

        let home = try Env.scratch(), dir = try Env.scratch(["from-the-deb.txt": "x"])
        let t = try Tmux([], env: Self.freshHome(home), dir: dir, binary: bin.path)
        let up = await t.wait { $0.contains("SANDBOX") && $0.contains("Photos") && $0.contains("from-the-deb.txt") }
        #expect(up.ok, "\(up.screen)")
        try t.keys("F10")
        #expect(await t.exitReport()?.contains("exit=0") == true)
    }
}
