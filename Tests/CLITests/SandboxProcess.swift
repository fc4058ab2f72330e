import AsyncHTTPClient
import Foundation
import Testing

/// A `pcmd sandbox` of a test's own, as a process: killed with SIGKILL (a crash, not a graceful
/// stop) and started again on the same ports and data folder, so its sessions, tokens and CA
/// carry over as a restarted server's would. Its `/_sandbox/traffic` counts start at zero
/// with each process.
final class SandboxProcess: @unchecked Sendable {
    let data: URL
    private var process: Process?
    private(set) var httpURL = ""
    private(set) var httpsURL = ""
    private(set) var caPath = ""
    private(set) var token = ""

    init(faults: String) async throws {
        data = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-sandbox-proc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try await launch(http: "127.0.0.1:0", https: "127.0.0.1:0", faults: faults)
    }

    private func launch(http: String, https: String, faults: String) async throws {
        let ready = data.appendingPathComponent("ready-\(UUID().uuidString).json")
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = ["sandbox", "--data", data.path, "--http", http, "--https", https, "--ready-file", ready.path,
                       "--faults", faults]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        process = p
        for _ in 0..<600 {
            if let d = try? Data(contentsOf: ready), let o = try? JSONSerialization.jsonObject(with: d) as? [String: Any] {
                httpURL = o["http"] as? String ?? ""
                httpsURL = o["https"] as? String ?? ""
                caPath = o["ca"] as? String ?? ""
                token = ((o["users"] as? [[String: Any]])?.first?["token"] as? String) ?? ""
                return
            }
            guard p.isRunning else { throw HarnessError("pcmd sandbox exited with \(p.terminationStatus)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HarnessError("pcmd sandbox did not get ready")
    }

    /// A home signed in as the first demo user, through environment variables.
    func home() -> ConfigHome {
        var home = ConfigHome()
        home.env = ["PCMD_TOKEN": token, "PCMD_SANDBOX": httpsURL, "PCMD_CA_FILE": caPath]
        return home
    }

    func kill() {
        guard let p = process, p.isRunning else { return }
        Foundation.kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
    }

    /// Kills it and starts it again where it listened, with `faults`.
    func restart(faults: String) async throws {
        kill()
        let port = { (url: String) in url.split(separator: ":").last.map { "127.0.0.1:\($0)" } ?? "127.0.0.1:0" }
        try await launch(http: port(httpURL), https: port(httpsURL), faults: faults)
    }

    /// Content bytes this process moved, by what moved them (`upload_write`, `download`, …).
    /// Asked in-process, not through curl: a poll that waits for a process to start lets a
    /// loaded machine's transfer run far past the point a test waits for.
    func traffic() async throws -> [String: Int64] {
        let o = try await call("_sandbox/traffic", "")
        return (o["bytes"] as? [String: Any] ?? [:]).compactMapValues { ($0 as? NSNumber)?.int64Value }
    }

    /// The count for `what` once it stops moving: after a client is killed the sandbox still
    /// reads what the socket buffers held.
    func settledTraffic(_ what: String) async throws -> Int64 {
        var last = try await traffic()[what, default: 0]
        while true {
            try await Task.sleep(for: .milliseconds(200))
            let now = try await traffic()[what, default: 0]
            if now == last { return now }
            last = now
        }
    }

    /// Calls an API method over plain HTTP as the first demo user; the answer's JSON.
    func call(_ method: String, _ query: String) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: httpURL + "/" + method + "?" + query)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] ?? [:]
    }

    /// The ids of its open upload sessions (each one a file under `tmp/uploads`).
    var uploadSessions: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("tmp/uploads").path)) ?? []
    }

    /// Sets its faults while it runs.
    func setFaults(_ spec: String) async throws {
        let o = try await curlJSON(httpURL + "/_sandbox/faults?set=" + (spec.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        #expect(o["result"] as? Int == 0, "\(o)")
    }

    /// Where the sandbox keeps a blob of this SHA-1 (content-addressed).
    func blob(sha1: String) -> URL {
        let k = Array(sha1)
        return data.appendingPathComponent("blobs/\(String(k[0..<2]))/\(String(k[2..<4]))/\(sha1)")
    }

    deinit {
        kill()
        try? FileManager.default.removeItem(at: data)
    }
}
