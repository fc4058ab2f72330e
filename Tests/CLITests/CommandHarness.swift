import Foundation
import Testing

/// Helpers for the command tests: unique folders (tests share one sandbox and run in
/// parallel), local scratch files, and curl against the sandbox's CA.
extension ConfigHome {
    /// A fresh pCloud folder `pc:/<prefix>-<uuid>` for this test.
    func makeRemoteFolder(_ prefix: String) async throws -> String {
        let path = "pc:/\(prefix)-\(UUID().uuidString.prefix(8))"
        let out = try await run(["mkdir", path])
        #expect(out.status == 0, "\(out)")
        return path
    }

    /// A local folder inside this home.
    func makeLocalFolder(_ name: String) throws -> URL {
        let url = root.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A local file of `size` random bytes (or the given content).
    func makeLocalFile(_ name: String, size: Int = 0, content: Data? = nil) throws -> URL {
        let dir = try makeLocalFolder("src")
        let url = dir.appendingPathComponent(name)
        try (content ?? Data((0..<size).map { _ in UInt8.random(in: 0...255) })).write(to: url)
        return url
    }
}

/// A demo user's email in the shared sandbox (0 alice, 1 bob).
func demoEmail(_ who: Int) async throws -> String { try await CLI.sandbox().users[who].email }

/// Runs curl trusting the sandbox's CA; returns the body. Waits without blocking a thread:
/// the sandbox answering curl runs in this process on the same small thread pool.
func curl(_ url: String) async throws -> Data {
    // Plain HTTP needs no CA (and no shared sandbox).
    let caPath = url.hasPrefix("http:") ? "/dev/null" : try await CLI.sandbox().caPath!
    let body = FileManager.default.temporaryDirectory.appendingPathComponent("curl-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: body.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: body) }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    p.arguments = ["-sS", "-L", "--fail", "--cacert", caPath, "-o", body.path, url]
    let status: Int32 = await withCheckedContinuation { done in
        p.terminationHandler = { done.resume(returning: $0.terminationStatus) }
        do { try p.run() } catch { p.terminationHandler = nil; done.resume(returning: -1) }
    }
    guard status == 0 else { throw HarnessError("curl \(url) exited \(status)") }
    return try Data(contentsOf: body)
}

/// A JSON object from curl.
func curlJSON(_ url: String) async throws -> [String: Any] {
    guard let o = try JSONSerialization.jsonObject(with: try await curl(url)) as? [String: Any] else {
        throw HarnessError("not JSON from \(url)")
    }
    return o
}
