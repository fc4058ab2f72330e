import Foundation
import Testing

/// The harness finds and runs the real binary.
@Suite struct BinaryTests {
    @Test func helpListsTheAccountCommands() async throws {
        let out = try await ConfigHome().run(["--help"])
        #expect(out.status == 0, "\(out)")
        #expect(out.stdout.contains("USAGE: pcmd"))
    }

    @Test func unknownSubcommandIsAUsageError() async throws {
        let out = try await ConfigHome().run(["no-such-command"])
        #expect(out.status == 2, "\(out)")
    }
}
