import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Logging
@testable import PCloudAPI
import PCloudSandbox
import Testing

/// One in-process sandbox (HTTPS with its own CA) shared by the PCloudAPI tests; each test works
/// in a folder of its own. The client talks to it exactly as it talks to pCloud.
enum Env {
    static let shared = Task { try await start() }

    static func start() async throws -> Sandbox {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-api-tests-\(UUID().uuidString)")
        var logger = Logger(label: "api-tests-sandbox")
        logger.logLevel = .critical
        return try await Sandbox.start(SandboxConfig(dataDir: dir, region: .us, seedDemo: true, contentLinkLifetime: 3600,
                                                     diffBlockSeconds: 1), logger: logger)
    }

    /// A client for demo user `who` with its OAuth token over HTTPS, trusting the sandbox CA.
    static func client(_ who: Int = 0, oauth: Bool = true, retry: RetryPolicy = .default) async throws -> PCloudClient {
        let sandbox = try await shared.value
        let info = sandbox.info
        let url = URL(string: info.httpsURL!)!
        return try PCloudClient(endpoint: .custom(url),
                                credentials: Credentials(oauthToken: oauth ? info.users[who].token : nil),
                                config: TransportConfig(caFile: info.caPath, retry: retry))
    }

    static func user(_ who: Int = 0) async throws -> SandboxInfo.DemoUser {
        try await shared.value.info.users[who]
    }

    static func scratch() -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-api-local-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

extension PCloudClient {
    /// A fresh folder in the root for one test.
    func testFolder(_ prefix: String = "t") async throws -> Int {
        try await createFolder(in: 0, name: "\(prefix)-\(UUID().uuidString.prefix(8))").itemID
    }
}

/// Runs a call against a method the sandbox may not have yet; nil when it answers "unknown
/// method" (HTTP 404, result 404), so the test starts checking once the server side lands.
func ifAvailable<T>(_ body: () async throws -> T) async throws -> T? {
    do { return try await body() } catch let e as PCloudError where e.isUnknownMethod { return nil }
}

/// Expects a PCloudError with `code`.
func expectCode<T>(_ code: Int, sourceLocation: SourceLocation = #_sourceLocation,
                   _ body: () async throws -> T) async {
    do {
        _ = try await body()
        Issue.record("expected pCloud error \(code), got success", sourceLocation: sourceLocation)
    } catch let e as PCloudError {
        #expect(e.code == code, "expected \(code), got \(e)", sourceLocation: sourceLocation)
        #expect(!e.message.isEmpty, sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected PCloudError \(code), got \(error)", sourceLocation: sourceLocation)
    }
}

func writeFile(_ url: URL, bytes count: Int, seed: UInt8 = 7) throws -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    var x = UInt32(seed) &+ 12345
    for i in 0..<count { x = x &* 1103515245 &+ 12345; bytes[i] = UInt8(truncatingIfNeeded: x >> 16) }
    try Data(bytes).write(to: url)
    return bytes
}

extension PCloudClient {
    /// A plain GET through the client's pool (content links, the sandbox's own pages); returns the
    /// body and the HTTP status.
    func fetchURL(_ url: URL, method: HTTPMethod = .GET, headers: [(String, String)] = [],
                  body: String? = nil) async throws -> (Data, Int) {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        for (k, v) in headers { request.headers.add(name: k, value: v) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await http.execute(request, timeout: .seconds(60))
        let buffer = try await response.body.collect(upTo: 64 << 20)
        var data = Data(buffer.readableBytesView)
        if let location = response.headers.first(name: "location") { data = Data(location.utf8) }
        return (data, Int(response.status.code))
    }
}
