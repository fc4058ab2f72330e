import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A web server for remote-upload tests (`downloadfile`): the sandbox reaches only loopback, so
/// tests serve the source files themselves on an ephemeral port.
///
/// - `GET /bytes/NAME?size=N&seed=S` — N bytes of `content(size:seed:)`, with a Content-Length;
///   `&chunk=B&delayms=D` sends B bytes every D ms (a slow source), `&nolength=1` sends the body
///   chunked, without a length. `&gate=KEY&holdat=A,B` stops before sending byte A and again
///   before B until the test calls `open(KEY)` once for each: progress seen part-way on a
///   machine however loaded.
/// - `GET /named?size=N` — the same bytes with `Content-Disposition: attachment; filename="suggested.bin"`.
/// - anything else answers 404.
public final class SourceServer: Sendable {
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, Error>

    private init(port: Int, group: ServiceGroup, task: Task<Void, Error>) {
        self.port = port; self.group = group; self.task = task
    }

    /// `http://127.0.0.1:PORT` + `path`.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// The bytes `/bytes` serves: a pattern that differs per seed, so each test knows its SHA-1.
    public static func content(size: Int, seed: Int = 0) -> Data {
        var d = Data(count: size)
        d.withUnsafeMutableBytes { raw in
            let p = raw.bindMemory(to: UInt8.self)
            for i in 0..<size { p[i] = UInt8(truncatingIfNeeded: (i &* 2_654_435_761 &+ seed &* 97) >> 7) }
        }
        return d
    }

    public static func start() async throws -> SourceServer {
        let router = Router()
        router.get("/bytes/:name") { request, _ in try serve(request, disposition: nil) }
        router.get("/named") { request, _ in try serve(request, disposition: "attachment; filename=\"suggested.bin\"") }
        return try await run(router)
    }

    /// A server answering every request with the same JSON: how a test makes "the server said
    /// this" (an `error` text holding control characters, say) reach the real binary.
    public static func start(answering json: String) async throws -> SourceServer {
        let router = Router()
        let answer: @Sendable (Request, BasicRequestContext) async throws -> Response = { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
        }
        router.get("**", use: answer)
        router.post("**", use: answer)
        return try await run(router)
    }

    private static func run(_ router: Router<BasicRequestContext>) async throws -> SourceServer {
        var logger = Logger(label: "source-server")
        logger.logLevel = .critical
        let (ready, readyContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { readyContinuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task { try await group.run() }
        var port = 0
        for await p in ready { port = p; break }
        return SourceServer(port: port, group: group, task: task)
    }

    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    private static let gates = Mutex<[String: Int]>([:])

    /// Lets a gated source (`gate=KEY`) go on past its next hold.
    public func open(_ key: String) { Self.gates.withLock { $0[key, default: 0] += 1 } }

    /// Waits until `key` was opened more than `passed` times (a minute at most: a test that
    /// forgets to open it fails on its own, it does not hang the run).
    private static func wait(_ key: String, passed: Int) async throws {
        for _ in 0..<3000 where gates.withLock({ $0[key, default: 0] }) <= passed {
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    private static func serve(_ request: Request, disposition: String?) throws -> Response {
        let q = request.uri.queryParameters
        let size = Int(q["size"].map(String.init) ?? "0") ?? 0
        let seed = Int(q["seed"].map(String.init) ?? "0") ?? 0
        let chunk = max(1, Int(q["chunk"].map(String.init) ?? "") ?? 256 << 10)
        let delay = Int(q["delayms"].map(String.init) ?? "0") ?? 0
        let withLength = q["nolength"] == nil
        let gate = q["gate"].map(String.init)
        let holds = (q["holdat"].map(String.init) ?? "").split(separator: ",").compactMap { Int($0) }
        let data = content(size: size, seed: seed)
        var headers: HTTPFields = [.contentType: "application/octet-stream"]
        if let disposition { headers[.contentDisposition] = disposition }
        if withLength { headers[.contentLength] = String(size) }
        let body = ResponseBody { writer in
            var offset = 0, passed = 0
            while offset < data.count {
                if let gate, passed < holds.count, offset >= holds[passed] {
                    try await wait(gate, passed: passed)
                    passed += 1
                }
                let end = min(data.count, passed < holds.count ? min(offset + chunk, max(holds[passed], offset + 1)) : offset + chunk)
                try await writer.write(ByteBuffer(bytes: data[offset..<end]))
                offset = end
                if delay > 0, offset < data.count { try await Task.sleep(for: .milliseconds(delay)) }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
