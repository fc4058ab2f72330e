@testable import Commander
import Foundation
import Logging
import PCloudSandbox

extension Env {
    /// A sandbox of the test's own whose transfers crawl at `bandwidth` (so a transfer is
    /// still running when the test looks), with `files` in alice's root.
    static func slowSandbox(_ bandwidth: String = "1MiB/s", files: [String: String]) async throws -> Sandbox {
        var logger = Logger(label: "slow-e2e-sandbox")
        logger.logLevel = .critical
        var config = SandboxConfig(dataDir: FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-slow-\(UUID().uuidString)"),
                                   region: .us, seedDemo: false, contentLinkLifetime: 3600, diffBlockSeconds: 1)
        config.faults = try FaultPlan(parsing: "bandwidth=\(bandwidth)")
        let sandbox = try await Sandbox.start(config, logger: logger)
        let src = try scratch(files)
        try await JobQueue().perform(.copy(files.keys.sorted().map { Item(LocalDrive(), .path(src.appendingPathComponent($0).path)) },
                                           into: Item(try await cloud(on: sandbox), .cloudRoot)))
        return sandbox
    }
}
