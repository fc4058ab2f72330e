import Crypto
import Foundation
import Logging
@testable import Commander
import PCloudAPI
import PCloudSandbox
import Testing

/// One in-process sandbox (HTTPS, its own CA) shared by the Commander tests; each test works in
/// folders of its own, on disk and in the cloud.
enum Env {
    static let shared = Task { try await start() }
    /// A second sandbox whose transfers crawl, for cancelling mid-transfer.
    static let slow = Task { try await start(faults: "bandwidth=2MiB/s") }
    /// A third whose every API call waits 30 ms, like a distant server (benchmarks only).
    static let distant = Task { try await start(faults: "latency=30ms") }

    static func start(faults: String? = nil) async throws -> Sandbox {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-cmd-tests-\(UUID().uuidString)")
        var logger = Logger(label: "cmd-tests-sandbox")
        logger.logLevel = .critical
        var config = SandboxConfig(dataDir: dir, region: .us, seedDemo: false, contentLinkLifetime: 3600, diffBlockSeconds: 1)
        if let faults { config.faults = try FaultPlan(parsing: faults) }
        return try await Sandbox.start(config, logger: logger)
    }

    /// Demo user `who` (0 alice, 1 bob) with its OAuth token; `trash` also signs in with the
    /// password for the session token pCloud's trash needs.
    static func cloud(_ who: Int = 0, trash: Bool = false, slow: Bool = false, distant: Bool = false) async throws -> CloudDrive {
        try await cloud(on: try await (slow ? Self.slow : distant ? Self.distant : shared).value, who, trash: trash)
    }

    /// Demo user `who` on `sandbox` (one a test started with faults of its own).
    static func cloud(on sandbox: Sandbox, _ who: Int = 0, trash: Bool = false) async throws -> CloudDrive {
        let info = sandbox.info
        let client = try PCloudClient(endpoint: .custom(URL(string: info.httpsURL!)!),
                                      credentials: Credentials(oauthToken: info.users[who].token),
                                      config: TransportConfig(caFile: info.caPath, maxConnectionsPerHost: Self.connectionsPerHost))
        let drive = CloudDrive(client: client)
        if trash { try await drive.signInForTrash(email: info.users[who].email, password: info.users[who].password) }
        return drive
    }

    /// The pool is one per configuration for the whole test process, so every test in it
    /// shares it: the eight connections one pcmd has were held by a few tests' long calls
    /// (gated remote uploads, held transfers) and the others' first calls timed out waiting
    /// (`getConnectionFromPoolTimeout`, seen in two full runs of thirteen and twenty tests).
    static let connectionsPerHost = 64

    static func scratch() -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-cmd-local-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A LocalDrive with a trash of its own.
    static func local() -> (LocalDrive, URL) {
        let dir = scratch()
        let work = dir.appendingPathComponent("work")
        try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        return (LocalDrive(trash: dir.appendingPathComponent("Trash")), work)
    }
}

extension CloudDrive {
    /// A fresh folder in the root for one test.
    func testFolder(_ prefix: String = "t") async throws -> Entry {
        try await mkdir("\(prefix)-\(UUID().uuidString.prefix(8))", in: .cloudRoot)
    }
}

func sha1(_ data: Data) -> String { Insecure.SHA1.hash(data: data).map { String(format: "%02x", $0) }.joined() }

/// Deterministic bytes.
func bytes(_ count: Int, seed: UInt32 = 7) -> Data {
    var out = [UInt8](repeating: 0, count: count)
    var x = seed &+ 12345
    for i in 0..<count { x = x &* 1103515245 &+ 12345; out[i] = UInt8(truncatingIfNeeded: x >> 16) }
    return Data(out)
}

@discardableResult
func write(_ url: URL, _ count: Int, seed: UInt32 = 7) throws -> Data {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let data = bytes(count, seed: seed)
    try data.write(to: url)
    return data
}

/// A small tree: nested folders, an empty file, many small files and one bigger file.
func makeTree(at root: URL, small: Int = 12, big: Int = 3 << 20) throws {
    try write(root.appendingPathComponent("top.bin"), 70_000, seed: 1)
    try write(root.appendingPathComponent("empty.txt"), 0)
    try write(root.appendingPathComponent("big.bin"), big, seed: 2)
    for i in 0..<small {
        try write(root.appendingPathComponent("sub/small-\(i).txt"), 100 + i * 37, seed: UInt32(10 + i))
    }
    try write(root.appendingPathComponent("sub/deeper/leaf.dat"), 5000, seed: 3)
    try FileManager.default.createDirectory(at: root.appendingPathComponent("sub/empty-folder"), withIntermediateDirectories: true)
}

/// relative path → SHA-1 (folders as "/") of everything under `folder` on `drive`.
func hashes(_ drive: any Drive, _ folder: ItemRef, prefix: String = "") async throws -> [String: String] {
    var out: [String: String] = [:]
    for e in try await drive.list(folder) where !e.name.hasPrefix(".") {
        let rel = prefix + e.name
        if e.isFolder {
            out[rel] = "/"
            out.merge(try await hashes(drive, e.ref, prefix: rel + "/")) { a, _ in a }
        } else {
            out[rel] = try await drive.checksum(e.ref)
        }
    }
    return out
}

func child(_ drive: any Drive, _ folder: ItemRef, _ name: String) async throws -> Entry? {
    try await drive.list(folder).first { $0.name == name }
}

/// Runs a call against a method the sandbox may not have yet; nil when it answers "unknown method".
func ifAvailable<T>(_ body: () async throws -> T) async throws -> T? {
    do { return try await body() } catch let e as CommanderError where e.isUnknownMethod { return nil }
}
