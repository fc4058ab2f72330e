import Commander
import Foundation
import Testing
@testable import TUI

/// The real binary in tmux against the in-process sandbox, as a user would drive it.
@Suite(.serialized) struct E2ETests {
    struct Run {
        let tmux: Tmux
        let local: URL
    }

    /// pcmd attached to the shared sandbox as `user`, local pane in a fresh folder.
    /// `config`: the text of config.toml, if any; `env`: more environment for pcmd.
    static func launch(user: String = "alice", cloudPath: String = "/", local files: [String: String] = [:],
                       width: Int = 100, height: Int = 30, config: String? = nil,
                       env: [String: String] = [:]) async throws -> Run {
        let info = try await Env.shared.value.info
        let local = try Env.scratch(files)
        let home = try Env.scratch(config.map { ["config/pcmd/config.toml": $0] } ?? [:])
        let tmux = try Tmux(["--sandbox", info.httpsURL!, "--ca-file", info.caPath!, "--user", user,
                             "--local", local.path, "--cloud-path", cloudPath],
                            env: env.merging(["XDG_DATA_HOME": home.appendingPathComponent("data").path,
                                              "XDG_CONFIG_HOME": home.appendingPathComponent("config").path]) { a, _ in a },
                            dir: local, width: width, height: height)
        return Run(tmux: tmux, local: local)
    }

    /// The right half of each screen line: the cloud pane at 100 columns.
    static func cloudPane(_ screen: String) -> String {
        screen.split(separator: "\n").map { String($0.dropFirst(50)) }.joined(separator: "\n")
    }

    @Test func browseCopyToTheCloudAndQuitCleanly() async throws {
        let cloud = try await Env.cloud()
        let folder = try await cloud.testFolder("e2e-copy")
        let r = try await Self.launch(cloudPath: "/\(folder.name)", local: ["hello-e2e.txt": "hello from e2e"])
        let t = r.tmux
        #expect(await t.waitFor("hello-e2e.txt").ok)
        #expect(await t.waitFor("SANDBOX").ok)
        #expect(await t.waitFor("(empty folder)").ok)
        try t.keys("F5")
        #expect(await t.waitFor("Copy “hello-e2e.txt” to (SANDBOX):").ok)
        try t.keys("Enter")
        let seen = await t.wait { Self.cloudPane($0).contains("hello-e2e.txt") }
        #expect(seen.ok, "\(seen.screen)")
        let listed = try await cloud.list(folder.ref)
        #expect(listed.map(\.name) == ["hello-e2e.txt"] && listed.first?.size == 14)
        try t.keys("F10")
        let report = try #require(await t.exitReport())
        #expect(report.contains("exit=0"))
        // The terminal is back in its normal mode: line editing and echo on.
        #expect(report.contains(" icanon") && report.contains(" echo ") && !report.contains("-icanon") && !report.contains("-echo "))
        #expect(!t.screen.contains("10Quit"))
    }

    @Test func findInTheCloudOpensAResultsPanel() async throws {
        let cloud = try await Env.cloud()
        let folder = try await cloud.testFolder("e2e-find", files: ["Budget 2026.xlsx": "b", "notes.txt": "n"])
        let sub = try await cloud.mkdir("old", in: folder.ref)
        let src = try Env.scratch(["budget-2019.csv": "c"])
        try await JobQueue().perform(.copy([Item(LocalDrive(), .path(src.path + "/budget-2019.csv"))], into: Item(cloud, sub.ref)))
        let r = try await Self.launch(cloudPath: "/\(folder.name)")
        let t = r.tmux
        #expect(await t.waitFor("notes.txt").ok)
        try t.keys("Tab", "f")
        #expect(await t.waitFor("Find in /\(folder.name)").ok)
        try t.type("BUDGET")
        try t.keys("Enter")
        let found = await t.wait { $0.contains("2 found") && Self.cloudPane($0).contains("old/budget-2019.csv") }
        #expect(found.ok, "\(found.screen)")
        #expect(Self.cloudPane(found.screen).contains("Budget 2026.xlsx") && !Self.cloudPane(found.screen).contains("notes.txt"))
        // Enter on the file in the subfolder opens that folder with the cursor on it.
        try t.keys("End", "Enter")
        let there = await t.wait { Self.cloudPane($0).contains("SANDBOX  /\(folder.name)/old ") && $0.contains("budget-2019.csv  1 B") }
        #expect(there.ok, "\(there.screen)")
        try t.keys("F10")
        _ = await t.exitReport()
    }

    /// F8 then Enter deletes (as in mc); the trash screen restores with a key rebound in config.toml.
    @Test func deleteThenRestoreFromTheTrashScreen() async throws {
        let cloud = try await Env.cloud()
        let name = "trash-me-\(UUID().uuidString.prefix(6)).txt"
        let folder = try await cloud.testFolder("e2e-trash", files: [name: "keep me"])
        let r = try await Self.launch(cloudPath: "/\(folder.name)", config: "[keymap.trash]\n\"R\" = \"restore\"\n")
        let t = r.tmux
        #expect(await t.waitFor(name).ok)
        try t.keys("Tab", "F8")
        #expect(await t.waitFor("goes to pCloud's trash").ok)
        try t.keys("Enter")
        #expect(await t.wait { !Self.cloudPane($0).contains(name) && Self.cloudPane($0).contains("(empty folder)") }.ok)
        try t.keys("t")
        #expect(await t.waitFor("Trash — SANDBOX").ok)
        #expect(await t.waitFor(name).ok)
        // The bottom line shows the rebinding.
        #expect(await t.waitFor(" R restore · o restore to other pane").ok)
        try t.keys("/")
        try t.type(name)
        try t.keys("Enter", "R")
        #expect(await t.waitFor("restore \(name): done").ok)
        #expect(try await cloud.list(folder.ref).map(\.name) == [name])
    }

    @Test func aKeyBoundTwiceStopsTheStartInPlainWords() async throws {
        let r = try await Self.launch(config: "[keymap.trash]\n\"F8\" = \"restore\"\n\"f8\" = \"empty-trash\"\n")
        let report = try #require(await r.tmux.exitReport())
        #expect(report.contains("exit=1"))
        let said = await r.tmux.wait { $0.replacingOccurrences(of: "\n", with: "").contains("config.toml [keymap.trash]: F8 (written") }
        #expect(said.ok, "\(said.screen)")
        #expect(said.screen.contains("bound twice"))
    }

    @Test func overwriteThenRevertFromTheRevisionsScreen() async throws {
        let cloud = try await Env.cloud()
        let folder = try await cloud.testFolder("e2e-rev", files: ["notes.txt": "version one"])
        let r = try await Self.launch(cloudPath: "/\(folder.name)", local: ["notes.txt": "version two, longer"])
        let t = r.tmux
        #expect(await t.wait { Self.cloudPane($0).contains("notes.txt") && $0.contains("19 B") }.ok)
        try t.keys("F5")
        #expect(await t.waitFor("Copy “notes.txt”").ok)
        try t.keys("Enter")
        #expect(await t.waitFor("Already exists").ok)
        try t.keys("o")
        #expect(await t.waitFor("done").ok)
        #expect(String(decoding: try await cloud.text(.path("/\(folder.name)/notes.txt")), as: UTF8.self) == "version two, longer")
        try t.keys("Tab", "v")
        #expect(await t.waitFor("Revisions — notes.txt").ok)
        #expect(await t.waitFor("11 B").ok)   // the old revision's size
        try t.keys("/")
        try t.type("11 B")
        try t.keys("Enter", "R")
        #expect(await t.waitFor("Make revision").ok)
        try t.keys("r")
        #expect(await t.waitFor("revert notes.txt").ok)
        let reverted = await pollText(cloud, "/\(folder.name)/notes.txt", "version one")
        #expect(reverted)
    }

    @Test func publinkIsCopiedAndShowsOnTheLinksScreen() async throws {
        let cloud = try await Env.cloud()
        let folder = try await cloud.testFolder("e2e-link", files: ["send-me.txt": "link content"])
        let r = try await Self.launch(cloudPath: "/\(folder.name)", height: 36)
        let t = r.tmux
        #expect(await t.waitFor("send-me.txt").ok)
        try t.keys("Tab", "p")
        let dialog = await t.waitFor("Public link — send-me.txt")
        #expect(dialog.ok, "\(dialog.screen)")
        let link = try #require(dialog.screen.split(separator: "\n").lazy.compactMap { line in
            line.range(of: "https://").map { String(line[$0.lowerBound...]).split(separator: " ").first.map(String.init) ?? "" }
        }.first)
        let code = try #require(link.split(separator: "=").last.map(String.init))
        // The QR code is drawn in half blocks under the URL.
        #expect(dialog.screen.split(separator: "\n").filter { $0.contains("▀") || $0.contains("▄") }.count >= 8)
        // Copied on creation (OSC 52, which tmux takes with set-clipboard on).
        #expect(await t.wait { _ in t.clipboard.contains(code) }.ok)
        try t.keys("Enter", "P")
        #expect(await t.waitFor("Public links").ok)
        // Listed by the name it links; Enter on it shows this link's URL.
        #expect(await t.waitFor("send-me.txt").ok)
        try t.keys("/")
        try t.type("send-me.txt")
        try t.keys("Enter", "Enter")
        #expect(await t.waitFor(String(code.suffix(12))).ok)
        #expect(try await cloud.publinks().contains { $0.code == code })
    }

    @Test func shareAFolderAndAcceptItAsBob() async throws {
        let alice = try await Env.cloud(0), bob = try await Env.cloud(1)
        let folder = try await alice.testFolder("e2e-share", files: ["for-bob.txt": "hi bob"])
        let a = try await Self.launch()
        // The root fills with other tests' folders: the first demo folder is what surely shows.
        #expect(await a.tmux.waitFor("/Archives").ok)
        try a.tmux.keys("Tab", "C-s")
        try a.tmux.type(folder.name)
        try a.tmux.keys("Enter", "S")
        #expect(await a.tmux.waitFor("Share “\(folder.name)”").ok)
        try a.tmux.type("bob@example.com")
        try a.tmux.keys("Tab", "Space", "Enter")
        #expect(await a.tmux.waitFor("share \(folder.name) with bob@example.com: done").ok)
        try a.tmux.keys("F10")
        let b = try await Self.launch(user: "bob")
        #expect(await b.tmux.waitFor("SANDBOX").ok)
        try b.tmux.keys("Tab", "w")
        #expect(await b.tmux.waitFor(folder.name).ok)
        try b.tmux.keys("/")
        try b.tmux.type(folder.name)
        try b.tmux.keys("Enter", "a")
        #expect(await b.tmux.waitFor("accept").ok)
        var accepted = false
        for _ in 0..<100 where !accepted {
            accepted = try await bob.shares().contains { $0.incoming && $0.name == folder.name && $0.shareid != nil }
            if !accepted { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(accepted)
    }

    @Test func savezipShowsInTheJobsPanel() async throws {
        let cloud = try await Env.cloud()
        let files = Dictionary(uniqueKeysWithValues: (1...3).map { ("part\($0).txt", String(repeating: "z", count: 200_000 * $0)) })
        let folder = try await cloud.testFolder("e2e-zip", files: files)
        let r = try await Self.launch(cloudPath: "/\(folder.name)")
        let t = r.tmux
        #expect(await t.waitFor("part3.txt").ok)
        try t.keys("Tab", "*")
        #expect(await t.waitFor("3 marked").ok)
        try t.keys("z")
        #expect(await t.waitFor("Zip 3 items as").ok)
        try t.keys("C-u")
        try t.type("bundle.zip")
        try t.keys("Enter", "J")
        let panel = await t.wait { $0.contains("─ Jobs ─") && $0.contains("done") && $0.contains("x clear finished") }
        #expect(panel.ok, "\(panel.screen)")
        #expect(panel.screen.contains("100%") || panel.screen.contains("done"))
        #expect(try await cloud.list(folder.ref).contains { $0.name == "bundle.zip" })
    }

    @Test func resizeDownToTheSmallestAndBelow() async throws {
        let r = try await Self.launch(local: ["resize.txt": "r"])
        let t = r.tmux
        #expect(await t.waitFor("resize.txt").ok)
        try t.run(["resize-window", "-t", t.session, "-x", "40", "-y", "10"])
        #expect(await t.wait { $0.contains("resize.txt") && $0.split(separator: "\n").count <= 10 }.ok)
        try t.run(["resize-window", "-t", t.session, "-x", "30", "-y", "8"])
        #expect(await t.waitFor("too small").ok)
        try t.run(["resize-window", "-t", t.session, "-x", "100", "-y", "30"])
        #expect(await t.waitFor("10Quit").ok)
    }

    /// A shell with no locale (env -i, cron, a bare container) or LANG=C: ncurses would write
    /// box lines and CJK names as `M-b~@`-like escapes; pcmd takes a UTF-8 LC_CTYPE as yazi and lf
    /// assume one, so the frame and the names look as under LANG=C.UTF-8.
    @Test func noLocaleStillDrawsLinesAndWideNames() async throws {
        let r = try await Self.launch(local: ["中文名.txt": "z", "plain.txt": "p"], width: 60, height: 12,
                                      env: ["LANG": "C", "LC_ALL": "", "LC_CTYPE": ""])
        let shown = await r.tmux.waitFor("plain.txt")
        #expect(shown.ok, "\(shown.screen)")
        #expect(shown.screen.contains("中文名.txt"), "\(shown.screen)")
        #expect(shown.screen.contains("─") && !shown.screen.contains("~@"), "\(shown.screen)")
    }

    @Test func ctrlCRestoresTheTerminal() async throws {
        let r = try await Self.launch(local: ["ctrl-c.txt": "c"])
        #expect(await r.tmux.waitFor("ctrl-c.txt").ok)
        try r.tmux.keys("C-c")
        let report = try #require(await r.tmux.exitReport())
        #expect(report.contains(" icanon") && !report.contains("-icanon") && !report.contains("-echo "))
    }

    @Test func sigtermRestoresTheTerminal() async throws {
        let r = try await Self.launch(local: ["term.txt": "t"])
        #expect(await r.tmux.waitFor("term.txt").ok)
        // The pane's shell runs pcmd as its child.
        let shell = try #require(Int32(r.tmux.run(["display-message", "-p", "-t", r.tmux.session, "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        let pid = try #require(children.split(separator: " ").compactMap { Int32($0) }.first)
        #expect(kill(pid, SIGTERM) == 0)
        let report = try #require(await r.tmux.exitReport())
        #expect(report.contains(" icanon") && !report.contains("-icanon") && !report.contains("-echo "))
    }

    @Test func editACloudFileUploadsItBackAsANewRevision() async throws {
        let cloud = try await Env.cloud()
        let folder = try await cloud.testFolder("e2e-edit", files: ["todo.txt": "buy milk\n"])
        let dir = try Env.scratch()
        // A non-interactive editor: appends a line to the file it is given.
        let editor = dir.appendingPathComponent("append.sh")
        try "#!/bin/sh\necho 'call mum' >> \"$1\"\n".write(to: editor, atomically: true, encoding: .utf8)
        chmod(editor.path, 0o755)
        let info = try await Env.shared.value.info
        let t = try Tmux(["--sandbox", info.httpsURL!, "--ca-file", info.caPath!, "--local", dir.path, "--cloud-path", "/\(folder.name)"],
                         env: ["EDITOR": editor.path, "XDG_DATA_HOME": dir.appendingPathComponent("data").path,
                               "XDG_CONFIG_HOME": dir.appendingPathComponent("config").path], dir: dir)
        #expect(await t.waitFor("todo.txt").ok)
        try t.keys("Tab", "F4")
        #expect(await pollText(cloud, "/\(folder.name)/todo.txt", "buy milk\ncall mum\n"))
        let revisions = try await cloud.revisions(of: .path("/\(folder.name)/todo.txt"))
        #expect(revisions.contains { $0.size == 9 })
    }

    func pollText(_ cloud: CloudDrive, _ path: String, _ want: String) async -> Bool {
        for _ in 0..<100 {
            if let d = try? await cloud.text(.path(path)), String(decoding: d, as: UTF8.self) == want { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
