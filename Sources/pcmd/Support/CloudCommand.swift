import ArgumentParser

/// A subcommand that works on the account: it gets the connected `Remote`, and its errors are
/// reported one way (pCloud's code, a hint, the exit code) by the default `run()`.
protocol CloudCommand: AsyncParsableCommand {
    var cloud: CloudOptions { get }
    /// The trash commands: pCloud refuses them to OAuth tokens (REAL-SERVICE §1).
    static var needsSessionToken: Bool { get }
    func run(on account: Remote) async throws
}

extension CloudCommand {
    static var needsSessionToken: Bool { false }

    func run() async throws {
        try await Failure.reporting {
            try await run(on: Self.needsSessionToken ? Remote.connectForTrash(cloud) : Remote.connect(cloud))
        }
    }
}
