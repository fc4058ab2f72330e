@testable import Commander
import Foundation
import Testing

/// Quitting while a transfer runs does not cancel it: it stops where it is, to be resumed, and
/// the Quit question says so.
@Suite(.serialized) struct QuitWithTransfersE2ETests {
    @Test func theQuitQuestionSaysARunningTransferCanBeResumed() async throws {
        // Its download crawls, so the transfer is still running at F10.
        let sandbox = try await Env.slowSandbox(files: ["slow.bin": String(repeating: "x", count: 12 << 20)])
        defer { Task { await sandbox.stop() } }
        let info = sandbox.info

        let local = try Env.scratch(), home = try Env.scratch()
        let state = home.appendingPathComponent("state")
        let t = try Tmux(["--local", local.path],
                         env: ["PCMD_TOKEN": info.users[0].token, "PCMD_API": info.httpsURL!, "PCMD_CA_FILE": info.caPath!,
                               "XDG_STATE_HOME": state.path, "XDG_DATA_HOME": home.appendingPathComponent("data").path,
                               "XDG_CONFIG_HOME": home.appendingPathComponent("config").path],
                         dir: local)
        #expect(await t.waitFor("slow.bin").ok)
        try t.keys("Tab", "F5")
        #expect(await t.waitFor("Copy “slow.bin”").ok)
        try t.keys("Enter")
        #expect(await t.waitFor("J jobs").ok)
        try t.keys("F10")
        let asked = await t.waitFor("still running")
        #expect(asked.ok, "\(asked.screen)")
        #expect(asked.screen.contains("Quitting stops it where it is:") && asked.screen.contains("pcmd jobs resume continues it."),
                "\(asked.screen)")
        #expect(!asked.screen.contains("cancels"), "\(asked.screen)")
        try t.keys("Left", "Enter")
        let report = try #require(await t.exitReport())
        #expect(report.contains("exit=0"), "\(report)")
        let store = try JobStore(at: state.appendingPathComponent("pcmd/jobs.sqlite"))
        let left = try store.interrupted()
        #expect(left.count == 1 && left.first?.title.contains("slow.bin") == true, "\(left)")
    }
}
