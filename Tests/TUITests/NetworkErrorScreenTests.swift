import Commander
import Foundation
import PCloudAPI
import Testing
@testable import TUI

/// The status line says network trouble in the same sentence as the command line.
@Suite(.serialized) @MainActor struct NetworkErrorScreenTests {
    @Test func anUnreachableServerIsNamedWithWhatToDo() async throws {
        let local = try Env.scratch(["a.txt": "a"])
        let client = try PCloudClient(endpoint: .custom(URL(string: "https://127.0.0.1:1")!),
                                      credentials: Credentials(oauthToken: "t"), config: TransportConfig(retry: .none))
        let app = App(AppSetup(local: LocalDrive(trash: local.appendingPathComponent(".trash-test")), localStart: local.path,
                               cloud: CloudDrive(client: client), cloudLabel: "SANDBOX", isSandbox: true, queue: JobQueue(),
                               theme: try Theme.load("default", searchPath: [Env.themes]), keymap: try Keymap()))
        app.start()
        defer { app.stop() }
        for _ in 0..<1000 where !app.status.error {
            _ = app.drainInbox()
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(app.status.error)
        #expect(app.status.text.hasSuffix("cannot reach 127.0.0.1:1: connection refused — is the sandbox running?"),
                "\(app.status.text)")
    }

    /// An upload the server cuts on every try once its bytes flow: the connection was lost, and
    /// the jobs panel's retry continues it (not the command line's `pcmd jobs resume`, nor the
    /// scheme question of a connection closed before any answer).
    @Test func aConnectionLostMidUploadSaysToRetryInTheJobsPanel() async throws {
        let h = try await Harness.ownSandbox(local: ["big.bin": String(repeating: "x", count: 3 << 20)],
                                             faults: "drop-after=1MiB:1")
        defer { Task { await h.finish() } }
        h.app.submit(.copy([Item(LocalDrive(), .path(h.local.appendingPathComponent("big.bin").path))],
                           into: Item(h.cloud, .cloudRoot)), "Copy")
        #expect(await h.settle { h.app.status.error }, "\(h.app.status.text)")
        let host = try #require(h.sandbox?.info.httpsURL?.dropFirst("https://".count))
        #expect(h.app.status.text.hasSuffix("the connection to \(host) was lost mid-transfer — "
                                            + "retry it in the jobs panel (J) to continue where it stopped"), "\(h.app.status.text)")
    }
}
