import Foundation
import Testing

/// Esc waits 25 ms for a key that would make it Alt+key; what comes instead in that time is a
/// key of its own. Found by the hostile walk (HostileWalkTests): a window resized right after
/// an Esc stayed drawn for its old size until the next resize.
@Suite(.serialized) struct EscapeKeyE2ETests {
    /// Esc and a command in one tmux call: tmux writes the Esc, then does the command, before
    /// pcmd has waited its 25 ms.
    static func escape(then command: [String], _ t: Tmux) throws {
        try t.run(["send-keys", "-t", t.session, "Escape", ";"] + command)
    }

    @Test func aWindowResizedRightAfterEscIsDrawnAtItsNewSize() async throws {
        let t = try await E2ETests.launch(local: ["here.txt": "x"]).tmux
        #expect(await t.waitFor("here.txt").ok)
        try Self.escape(then: ["resize-window", "-t", t.session, "-x", "60", "-y", "20"], t)
        // Two panes of 30 columns: the top line ends with the cloud pane's corner at column 60.
        let redrawn = await t.wait { screen in
            let top = screen.split(separator: "\n").first.map { $0.replacingOccurrences(of: " ", with: "") } ?? ""
            return top.hasSuffix("┐") && top.contains("┐┌")
        }
        #expect(redrawn.ok, "\(redrawn.screen)")
        try t.keys("F10")
        #expect(try #require(await t.exitReport()).contains("exit=0"))
    }

    @Test func aFunctionKeyRightAfterEscIsNotLost() async throws {
        let t = try await E2ETests.launch(local: ["here.txt": "x"]).tmux
        #expect(await t.waitFor("here.txt").ok)
        try Self.escape(then: ["send-keys", "-t", t.session, "F10"], t)
        let report = await t.exitReport()
        #expect(report?.contains("exit=0") == true, "\(t.screen)")
    }
}
