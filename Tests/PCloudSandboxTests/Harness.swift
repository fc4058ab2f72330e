import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import PCloudSandbox
import Testing

/// One in-process sandbox on ephemeral loopback ports, shared by the tests; each test works in
/// folders of its own. Tests speak raw HTTP: they do not use PCloudAPI.
enum Harness {
    static let shared = Task { try await start(linkLifetime: 3600) }

    static func start(linkLifetime: Int64, dataDir: URL? = nil) async throws -> Sandbox {
        let dir = dataDir ?? FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-sandbox-tests-\(UUID().uuidString)")
        var logger = Logger(label: "sandbox-tests")
        logger.logLevel = .warning
        return try await Sandbox.start(SandboxConfig(dataDir: dir, region: .us, seedDemo: true,
                                                     contentLinkLifetime: linkLifetime, diffBlockSeconds: 1), logger: logger)
    }

    static func api(_ who: Int = 0) async throws -> API {
        let sandbox = try await shared.value
        return API(base: sandbox.info.httpURL!, token: sandbox.info.users[who].token, info: sandbox.info)
    }
}

/// A decoded API reply.
struct Reply: @unchecked Sendable {
    let object: [String: Any]
    let text: String
    var result: Int { object["result"] as? Int ?? -1 }
    subscript(key: String) -> Any? { object[key] }
    var metadata: [String: Any] { object["metadata"] as? [String: Any] ?? [:] }
    var contents: [[String: Any]] { metadata["contents"] as? [[String: Any]] ?? [] }
}

struct API: Sendable {
    let base: String
    let token: String
    let info: SandboxInfo

    enum Credentials: Sendable { case bearer, none, raw(String, String) }

    /// Calls `method` with query parameters and the bearer token (unless told otherwise).
    func call(_ method: String, _ params: [String: String] = [:], auth: Credentials = .bearer,
              httpMethod: HTTPMethod = .GET, body: HTTPClientRequest.Body? = nil,
              headers: [(String, String)] = []) async throws -> Reply {
        var request = HTTPClientRequest(url: url(method, params, auth: auth))
        request.method = httpMethod
        if case .bearer = auth { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (k, v) in headers { request.headers.add(name: k, value: v) }
        if let body { request.body = body }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        #expect(response.status == .ok)
        #expect(response.headers.first(name: "content-type")?.hasPrefix("application/json") == true)
        let bytes = try await response.body.collect(upTo: 64 << 20)
        let text = String(buffer: bytes)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
        return Reply(object: object, text: text)
    }

    func url(_ method: String, _ params: [String: String], auth: Credentials = .none) -> String {
        var all = params
        if case .raw(let k, let v) = auth { all[k] = v }
        let query = all.sorted { $0.key < $1.key }.map { "\($0.key)=\(API.escape($0.value))" }.joined(separator: "&")
        return "\(base)/\(method)" + (query.isEmpty ? "" : "?\(query)")
    }

    static func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? s
    }

    /// Expects success and returns the reply.
    @discardableResult
    func ok(_ method: String, _ params: [String: String] = [:], auth: Credentials = .bearer,
            httpMethod: HTTPMethod = .GET, body: HTTPClientRequest.Body? = nil,
            sourceLocation: SourceLocation = #_sourceLocation) async throws -> Reply {
        let r = try await call(method, params, auth: auth, httpMethod: httpMethod, body: body)
        #expect(r.result == 0, "\(method) failed: \(r.text)", sourceLocation: sourceLocation)
        return r
    }

    /// Expects the pCloud error `code`.
    func fails(_ code: Int, _ method: String, _ params: [String: String] = [:], auth: Credentials = .bearer,
               sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let r = try await call(method, params, auth: auth)
        #expect(r.result == code, "\(method) \(params): expected \(code), got \(r.text)", sourceLocation: sourceLocation)
        if code != 0 { #expect((r["error"] as? String)?.isEmpty == false, sourceLocation: sourceLocation) }
    }

    /// A fresh folder in the root for one test.
    func folder(_ prefix: String = "t") async throws -> Int {
        let r = try await ok("createfolder", ["folderid": "0", "name": "\(prefix)-\(UUID().uuidString.prefix(8))"])
        return r.metadata["folderid"] as! Int
    }

    /// Uploads `data` as `name` into `folderid` with a raw PUT; returns the file metadata.
    @discardableResult
    func upload(_ data: [UInt8], name: String, folder: Int, extra: [String: String] = [:]) async throws -> [String: Any] {
        var params = ["folderid": String(folder), "filename": name, "nopartial": "1"]
        params.merge(extra) { _, b in b }
        let r = try await ok("uploadfile", params, httpMethod: .PUT, body: .bytes(ByteBuffer(bytes: data)))
        return (r["metadata"] as? [[String: Any]])?.first ?? [:]
    }

    func download(_ url: String, headers: [(String, String)] = []) async throws -> (HTTPClientResponse, [UInt8]) {
        var request = HTTPClientRequest(url: url)
        for (k, v) in headers { request.headers.add(name: k, value: v) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 256 << 20)
        return (response, Array(body.readableBytesView))
    }
}
