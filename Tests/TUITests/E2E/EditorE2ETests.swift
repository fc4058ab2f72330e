import Foundation
import Testing

/// F4 with an editor that cannot be started ($EDITOR misspelt, or empty) says so on the status
/// line, for a local file and for a cloud one (which is then not called "unchanged").
extension E2ETests {
    @Test func anEditorThatCannotStartIsSaid() async throws {
        let cloud = try await Env.cloud()
        let folder = try await cloud.testFolder("e2e-editor", files: ["cloud.txt": "in the cloud"])
        let r = try await Self.launch(cloudPath: "/\(folder.name)", local: ["local.txt": "here"],
                                      env: ["EDITOR": "/nonexistent/editor", "VISUAL": ""])
        let t = r.tmux
        #expect(await t.wait { $0.contains("local.txt") && $0.contains("cloud.txt") }.ok)
        try t.keys("End", "F4")
        let local = await t.waitFor("cannot start the editor “/nonexistent/editor”")
        #expect(local.ok, "\(local.screen)")
        try t.keys("Tab", "End", "F4")
        let remote = await t.wait { $0.contains("cannot start the editor") && $0.contains("cloud.txt:") }
        #expect(remote.ok && !remote.screen.contains("unchanged"), "\(remote.screen)")
        try t.keys("F10")
        #expect(await t.exitReport()?.contains("exit=0") == true)
    }
}
