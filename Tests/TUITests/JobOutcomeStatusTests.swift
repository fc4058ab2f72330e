import Commander
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import TUI

/// The status line keeps what became of the user's action: the panes listed again after a job,
/// and the quota read again, must not cover its failure with their own on a server in trouble.
@Suite(.serialized) @MainActor struct JobOutcomeStatusTests {
    @Test func aFailedJobStaysOnTheStatusLineWhenTheRefreshAfterItFailsToo() async throws {
        let h = try await Harness.ownSandbox()
        let sandbox = try #require(h.sandbox)
        h.keys(.tab)
        // Every call now refused, and not one a retry helps: the job fails at once, and so do the
        // listing and the quota read that follow it.
        let (answer, _) = try await URLSession.shared.data(from: URL(string: sandbox.info.httpURL! + "/_sandbox/faults?set=error=2003:1")!)
        #expect(String(decoding: answer, as: UTF8.self).contains("2003"))
        h.keys(.f(7))
        h.type("refused")
        h.keys(.enter)
        let cloud = h.app.panesScreen.panes[1]
        let failed = await h.settle {
            if case .failed = cloud.load { return h.app.jobs.values.contains { $0.state == .failed } }
            return false
        }
        #expect(failed, "\(h.screen())")
        // The quota read answers on its own time: give it a moment to come back.
        for _ in 0..<50 { _ = h.app.drainInbox(); try await Task.sleep(for: .milliseconds(20)) }
        #expect(h.app.status.error)
        #expect(h.app.status.text.hasPrefix("Create folder refused: error 2003"), "\(h.app.status.text)")
        #expect(h.screen().contains("2003"), "the pane shows its listing's failure itself")
        await h.finish()
    }

    /// A job the panel retries (or resumes) ends as one started from the panes does: the panes
    /// are listed again (a download shows in the local pane) and the status line says how it went.
    @Test func aJobRetriedInThePanelIsReportedAndShownWhenItEnds() async throws {
        let h = try await Harness.ownSandbox()
        let sandbox = try #require(h.sandbox)
        let folder = try await h.cloud.testFolder("retried", files: ["far.txt": "from far away"])
        h.keys(.tab)
        h.goTo("/\(folder.name)")
        let local = h.app.panesScreen.panes[0], cloud = h.app.panesScreen.panes[1]
        #expect(await h.settle { cloud.load == .ready && cloud.current?.name == "far.txt" })
        let faults = sandbox.info.httpURL! + "/_sandbox/faults?set="
        _ = try await URLSession.shared.data(from: URL(string: faults + "error=2003:1")!)
        h.keys(.f(5), .enter)
        #expect(await h.settle { h.app.jobs.values.contains { $0.state == .failed } }, "\(h.screen())")
        _ = try await URLSession.shared.data(from: URL(string: faults)!)
        h.keys(.char("J"), .char("r"))
        let shown = await h.settle { local.entries.contains { $0.name == "far.txt" } && h.app.status.text.hasSuffix(": done") }
        #expect(shown, "\(h.app.status.text)\n\(h.screen())")
        #expect(try String(contentsOf: h.local.appendingPathComponent("far.txt"), encoding: .utf8) == "from far away")
        await h.finish()
    }
}
