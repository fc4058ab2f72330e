import Foundation
import HostileAnswers
import Testing

/// The file manager against a server whose every answer holds a number past Int64 (issue 18):
/// it used to die of SIGILL before its first frame; now the pane says the answer is malformed.
@Suite(.serialized) struct HostileStartTests {
    @Test func aResultPastInt64ShowsAnErrorInThePane() async throws {
        let server = try await HostileServer { _ in
            HostileResponse(body: Array(#"{"result": 36893488147419103232}"#.utf8))
        }
        defer { Task { await server.stop() } }
        let local = try Env.scratch(["here.txt": "x"])
        let home = try Env.scratch()
        let t = try Tmux(["--sandbox", server.url, "--local", local.path],
                         env: ["PCMD_TOKEN": "hostile", "XDG_DATA_HOME": home.appendingPathComponent("data").path,
                               "XDG_CONFIG_HOME": home.appendingPathComponent("config").path],
                         dir: local)
        let shown = await t.waitFor("malformed", timeout: 30)
        #expect(shown.ok, "\(shown.screen)")
        #expect(shown.screen.contains("here.txt"))
        #expect(!server.paths.isEmpty)
        try t.keys("F10")
        let report = try #require(await t.exitReport())
        #expect(report.contains("exit=0"), "\(report)")
    }
}
