import Crypto
import Foundation
import Logging
import PCloudSandbox
import SourceServer
import Testing

/// `downloadfile` / `downloadfileasync` fetching from a web server the test starts on loopback.
@Suite struct RemoteUploadTests {
    static let source = Task { try await SourceServer.start() }

    static func sha1(_ d: Data) -> String { Insecure.SHA1.hash(data: d).map { String(format: "%02x", $0) }.joined() }

    func names(_ api: API, _ folder: Int) async throws -> [String] {
        try await api.ok("listfolder", ["folderid": String(folder)]).contents.compactMap { $0["name"] as? String }.sorted()
    }

    @Test func twoURLsWithTargetNamesAndProgress() async throws {
        let api = try await Harness.api(), web = try await Self.source.value
        let top = try await api.folder("remote")
        let hash = "t-\(UUID().uuidString)"
        // The first name holds a comma (URL-encoded inside the list); the second is left empty.
        let r = try await api.ok("downloadfile", [
            "url": web.url("/bytes/one.bin?size=70000&seed=1") + " \n " + web.url("/bytes/two%20words.bin?size=5&seed=2"),
            "folderid": String(top), "target": "a%2Cb.bin,", "progresshash": hash])
        let created = try #require(r["metadata"] as? [[String: Any]])
        #expect(created.map { $0["name"] as? String } == ["a,b.bin", "two words.bin"])
        #expect(created.map { $0["size"] as? Int } == [70000, 5])
        #expect(try await names(api, top) == ["a,b.bin", "two words.bin"])
        let sum = try await api.ok("checksumfile", ["fileid": String(created[0]["fileid"] as! Int)])
        #expect(sum["sha1"] as? String == Self.sha1(SourceServer.content(size: 70000, seed: 1)))

        let p = try await api.ok("uploadprogress", ["progresshash": hash])
        #expect(p["urlcount"] as? Int == 2 && p["urlready"] as? Int == 2 && p["urlworking"] as? Int == 0)
        #expect(p["finished"] as? Bool == true)
        let files = try #require(p["files"] as? [[String: Any]])
        #expect(files.map { $0["status"] as? String } == ["ready", "ready"])
        #expect(files[0]["size"] as? Int == 70000 && files[0]["downloaded"] as? Int == 70000)
        #expect((files[1]["metadata"] as? [String: Any])?["name"] as? String == "two words.bin")
        #expect(files[0]["url"] as? String == web.url("/bytes/one.bin?size=70000&seed=1"))

        // Same name again: overwritten in place, as uploadfile does (the old content a revision).
        let again = try await api.ok("downloadfile", ["url": web.url("/bytes/x?size=9&seed=3"), "folderid": String(top),
                                                       "target": "a%2Cb.bin"])
        #expect((again["metadata"] as? [[String: Any]])?.first?["fileid"] as? Int == created[0]["fileid"] as? Int)
        #expect(try await names(api, top).count == 2)
    }

    @Test func asyncAnswersAtOnceAndReportsBytesWhileItWorks() async throws {
        let api = try await Harness.api(), web = try await Self.source.value
        let top = try await api.folder("remote-async")
        let hash = "t-\(UUID().uuidString)"
        let size = 2 << 20
        // The source stops at 512 KiB and at 1 MiB until a poll has seen it there: two figures
        // part-way however loaded the machine (a throttled source alone let a busy run's polls
        // see one).
        let gate = "remote-\(UUID().uuidString)"
        let url = web.url("/bytes/slow.bin?size=\(size)&seed=4&gate=\(gate)&holdat=\(512 << 10),\(1 << 20)")
        var opened = 0
        let r = try await api.ok("downloadfileasync", ["url": url, "path": try await pathOf(api, top), "progresshash": hash])
        #expect(r["metadata"] == nil)
        var seen: [Int] = []
        var last: Reply?
        for _ in 0..<600 {
            let p = try await api.ok("uploadprogress", ["progresshash": hash])
            last = p
            if let f = (p["files"] as? [[String: Any]])?.first, f["status"] as? String == "downloading" {
                seen.append(f["downloaded"] as? Int ?? -1)
                if opened < 2, seen.last! >= (opened + 1) * (512 << 10) { opened += 1; web.open(gate) }
                // The length is known once the source's headers are in.
                if f["downloaded"] as? Int ?? 0 > 0 { #expect(f["size"] as? Int == size) }
                #expect(p["urlworking"] as? Int == 1)
            }
            if p["finished"] as? Bool == true { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(last?["finished"] as? Bool == true)
        #expect(Set(seen).count >= 2, "progress should advance: \(seen)")
        // The last chunk can be counted a moment before the file is stored and the status says
        // ready, so a poll may see every byte while still "downloading"; one must be part-way.
        #expect(seen == seen.sorted() && seen.allSatisfy { $0 <= size } && seen.contains { $0 > 0 && $0 < size })
        #expect(try await names(api, top) == ["slow.bin"])
    }

    func pathOf(_ api: API, _ folder: Int) async throws -> String {
        "/" + (try await api.ok("listfolder", ["folderid": String(folder)]).metadata["name"] as? String ?? "")
    }

    @Test func suggestedNameFromContentDisposition() async throws {
        let api = try await Harness.api(), web = try await Self.source.value
        let top = try await api.folder("remote-named")
        try await api.ok("downloadfile", ["url": web.url("/named?size=10"), "folderid": String(top)])
        #expect(try await names(api, top) == ["suggested.bin"])
    }

    @Test func failuresLeaveNothing() async throws {
        let api = try await Harness.api(), web = try await Self.source.value
        let top = try await api.folder("remote-fail")
        let hash = "t-\(UUID().uuidString)"
        // An HTTP error status, and a host that refuses connections.
        try await api.fails(5001, "downloadfile", ["url": web.url("/missing.bin"), "folderid": String(top), "progresshash": hash])
        let p = try await api.ok("uploadprogress", ["progresshash": hash])
        #expect((p["files"] as? [[String: Any]])?.first?["status"] as? String == "error")
        #expect(p["finished"] as? Bool == true && p["urlready"] as? Int == 0)
        // Not http(s), or no URL at all: refused before anything is fetched.
        try await api.fails(1040, "downloadfile", ["url": "ftp://127.0.0.1/x.bin", "folderid": String(top)])
        try await api.fails(1040, "downloadfile", ["url": web.url("/bytes/ok?size=3") + " file:///etc/passwd", "folderid": String(top)])
        try await api.fails(1040, "downloadfileasync", ["url": "  ", "folderid": String(top)])
        try await api.fails(1040, "downloadfile", ["folderid": String(top)])
        try await api.fails(2005, "downloadfile", ["url": web.url("/bytes/ok?size=3"), "folderid": "987654321"])
        #expect(try await names(api, top).isEmpty)
        // A good URL beside a bad one: the good file is made, the answer is the failure.
        try await api.fails(5001, "downloadfile", ["url": web.url("/nothing") + " " + web.url("/bytes/good.bin?size=3"),
                                                    "folderid": String(top)])
        #expect(try await names(api, top) == ["good.bin"])
    }

    @Test func unreachableHostFails() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("remote-unreachable")
        try await api.fails(5001, "downloadfile", ["url": "http://127.0.0.1:1/x.bin", "folderid": String(top)])
        #expect(try await names(api, top).isEmpty)
    }

    @Test func overQuotaLeavesNothing() async throws {
        let web = try await Self.source.value
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-sandbox-quota-\(UUID().uuidString)")
        var config = SandboxConfig(dataDir: dir, region: .us)
        config.quota = 1 << 20
        var logger = Logger(label: "quota-tests")
        logger.logLevel = .warning
        let sandbox = try await Sandbox.start(config, logger: logger)
        let api = API(base: sandbox.info.httpURL!, token: sandbox.info.users[0].token, info: sandbox.info)
        // Announced too large (Content-Length), and found too large while streaming (no length).
        try await api.fails(2008, "downloadfile", ["url": web.url("/bytes/big.bin?size=\(2 << 20)"), "folderid": "0"])
        try await api.fails(2008, "downloadfile", ["url": web.url("/bytes/big.bin?size=\(2 << 20)&nolength=1"), "folderid": "0"])
        try await api.ok("downloadfile", ["url": web.url("/bytes/small.bin?size=1000&nolength=1"), "folderid": "0"])
        #expect(try await names(api, 0) == ["small.bin"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("tmp").path)
        #expect(leftovers.isEmpty, "partial downloads left: \(leftovers)")
        await sandbox.stop()
    }
}
