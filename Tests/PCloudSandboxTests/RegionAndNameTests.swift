import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import NIOCore
import PCloudSandbox
import Testing

@Suite struct RegionAndNameTests {
    @Test func euRegionReportsSHA256InsteadOfMD5() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-eu-\(UUID().uuidString)")
        var logger = Logger(label: "eu")
        logger.logLevel = .warning
        let sandbox = try await Sandbox.start(SandboxConfig(dataDir: dir, https: nil, region: .eu), logger: logger)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(sandbox.info.httpsURL == nil && sandbox.info.caPath == nil)
        let api = API(base: sandbox.info.httpURL!, token: sandbox.info.users[0].token, info: sandbox.info)
        let top = try await api.folder("eu")
        let data = Array("europe".utf8)
        let r = try await api.ok("uploadfile", ["folderid": String(top), "filename": "eu.txt"], httpMethod: .PUT,
                                 body: .bytes(ByteBuffer(bytes: data)))
        let sums = try #require((r["checksums"] as? [[String: Any]])?.first)
        let sha256 = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        #expect(sums["sha256"] as? String == sha256 && sums["md5"] == nil && sums["sha1"] is String)
        let id = try #require((r["fileids"] as? [Int])?.first)
        let c = try await api.ok("checksumfile", ["fileid": String(id)])
        #expect(c["sha256"] as? String == sha256 && c["md5"] == nil)
        // Without TLS, content links name the HTTP listener.
        let link = try await api.ok("getfilelink", ["fileid": String(id)])
        #expect((link["hosts"] as? [String])?.first == String(sandbox.info.httpURL!.dropFirst("http://".count)))
        await sandbox.stop()
    }

    @Test func stoppingAnswersALongPollInFlight() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-stop-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var logger = Logger(label: "stop")
        logger.logLevel = .warning
        // A poll that would block ten minutes: stop() must not wait for it (pcmd's quit did).
        let sandbox = try await Sandbox.start(SandboxConfig(dataDir: dir, https: nil, diffBlockSeconds: 600), logger: logger)
        let api = API(base: sandbox.info.httpURL!, token: sandbox.info.users[0].token, info: sandbox.info)
        let diffid = try #require(try await api.ok("diff", ["last": "0"])["diffid"] as? Int)
        let answered = Answered()
        let poll = Task {
            let reply = try await api.call("diff", ["diffid": String(diffid), "block": "1"])
            await answered.set()
            return reply
        }
        try await Task.sleep(for: .milliseconds(500))
        let stopped = Task { await sandbox.stop() }
        // Watched, not awaited: a hanging stop fails the test instead of holding the run.
        for _ in 0..<300 where !(await answered.value) { try await Task.sleep(for: .milliseconds(100)) }
        let finished = await answered.value
        #expect(finished, "the long poll was still waiting 30 s after stop()")
        guard finished else { return }
        let answer = try await poll.value
        #expect(answer.result == 0 && (answer["entries"] as? [Any])?.isEmpty == true)
        await stopped.value
    }

    @Test func invalidUTF8AndBackslashNamesAreRefused() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("names")
        for name in ["%FF%FE", "a%5Cb", "%00x"] {
            var request = HTTPClientRequest(url: "\(api.base)/createfolder?folderid=\(top)&name=\(name)")
            request.headers.add(name: "Authorization", value: "Bearer \(api.token)")
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            let text = String(buffer: try await response.body.collect(upTo: 1 << 16))
            #expect(text.contains("\"result\":2001"), "\(name): \(text)")
        }
    }
}

private actor Answered {
    var value = false
    func set() { value = true }
}
