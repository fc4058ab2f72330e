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

    /// A bad option of `pcmd sandbox` is said plainly with the sandbox's own usage line; thrown
    /// from its run, it came with the top-level usage (`pcmd … <subcommand>`).
    @Test func aBadFaultSpecShowsTheSandboxUsage() async throws {
        let out = try await ConfigHome().run(["sandbox", "--faults", "x", "--http", "127.0.0.1:0", "--https", "off"])
        #expect(out.status == 2, "\(out)")
        #expect(out.stderr.hasPrefix("Error: bad fault 'x': "), "\(out)")
        #expect(out.stderr.contains("\nUsage: pcmd sandbox ") && !out.stderr.contains("<subcommand>"), "\(out)")
    }
}
