@testable import Commander
import Foundation
import Testing

/// A transfer an earlier run did not finish is said on the status line at start.
@Suite struct InterruptedJobsE2ETests {
    @Test func theStatusLineSaysHowManyTransfersAreInterrupted() async throws {
        let info = try await Env.shared.value.info
        let local = try Env.scratch(), home = try Env.scratch()
        let state = home.appendingPathComponent("state")
        let store = try JobStore(at: state.appendingPathComponent("pcmd/jobs.sqlite"))
        let action = StoredAction.copy(.init(side: .cloud(profile: nil), ref: .file(1), name: "/big.bin"),
                                       into: .init(side: .local, ref: .path(local.path), name: nil), name: nil, move: false)
        for title in ["Download /big.bin", "Download /other.bin"] {
            _ = try store.insert(StoredJob(id: nil, title: title, kind: .download, action: action, state: .running,
                                           queuedAt: Date(), updatedAt: Date()))
        }
        let t = try Tmux(["--local", local.path],
                         env: ["PCMD_TOKEN": info.users[0].token, "PCMD_API": info.httpsURL!, "PCMD_CA_FILE": info.caPath!,
                               "XDG_STATE_HOME": state.path,
                               "XDG_DATA_HOME": home.appendingPathComponent("data").path,
                               "XDG_CONFIG_HOME": home.appendingPathComponent("config").path],
                         dir: local)
        let shown = await t.waitFor("2 interrupted transfers")
        #expect(shown.ok && shown.screen.contains("J jobs panel, s resumes, d drops"), "\(shown.screen)")
        try t.keys("F10")
        _ = await t.exitReport()
    }
}
