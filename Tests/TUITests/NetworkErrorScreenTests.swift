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
}
