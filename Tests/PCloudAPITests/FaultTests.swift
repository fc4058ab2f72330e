import Crypto
import Foundation
import Logging
import NIOConcurrencyHelpers
@testable import PCloudAPI
import PCloudSandbox
import Testing

/// A sandbox of one's own: faults are server-wide, so tests that inject them must not share the
/// common sandbox with tests running in parallel. Plain HTTP (faults are above TLS), a request
/// log, and fast retries so the tests stay quick.
final class FaultySandbox: Sendable {
    let sandbox: Sandbox
    let log: URL
    let base: URL

    static let retry = RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(5), maxDelay: .milliseconds(40),
                                   rateLimitedDelay: .milliseconds(10))

    init(faults: String = "", recursiveListLimit: Int? = nil) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-api-faults-\(UUID().uuidString)")
        var config = SandboxConfig(dataDir: dir, https: nil, region: .us, seedDemo: false, contentLinkLifetime: 3600,
                                   diffBlockSeconds: 1)
        config.faults = try FaultPlan(parsing: faults)
        if let recursiveListLimit { config.recursiveListLimit = recursiveListLimit }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        log = dir.appendingPathComponent("requests.jsonl")
        config.requestLog = log
        var logger = Logger(label: "api-tests-faulty-sandbox")
        logger.logLevel = .critical
        sandbox = try await Sandbox.start(config, logger: logger)
        base = URL(string: sandbox.info.httpURL!)!
    }

    func client(_ who: Int = 0, oauth: Bool = true, retry: RetryPolicy = FaultySandbox.retry) throws -> PCloudClient {
        try PCloudClient(endpoint: .custom(base),
                         credentials: Credentials(oauthToken: oauth ? sandbox.info.users[who].token : nil),
                         config: TransportConfig(retry: retry))
    }

    /// Replaces the fault plan at run time (`/_sandbox/faults?set=`; empty clears).
    func setFaults(_ spec: String) async throws {
        let c = try client()
        let url = URL(string: "\(base.absoluteString)/_sandbox/faults?set=\(Params.escape(spec))")!
        let (body, status) = try await c.fetchURL(url)
        #expect(status == 200, "\(String(decoding: body, as: UTF8.self))")
    }

    /// The request log so far, one dictionary per request.
    func requests() throws -> [[String: Any]] {
        let text = try String(contentsOf: log, encoding: .utf8)
        return try text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    func count(_ method: String) throws -> Int {
        try requests().filter { $0["method"] as? String == method }.count
    }

    func stop() async { await sandbox.stop() }
}

@Suite struct FaultTests {
    func sha1(_ bytes: [UInt8]) -> String { PasswordDigest.hex(Insecure.SHA1.hash(data: bytes)) }

    @Test func idempotentCallsRetryOn5000And4000AndOthersDoNot() async throws {
        let s = try await FaultySandbox()
        let c = try s.client()
        let top = try await c.testFolder("retry")

        // Half the calls fail: every listing still succeeds, through retries.
        try await s.setFaults("error=5000:0.5,seed=3")
        let before = try s.count("listfolder")
        for _ in 0..<10 { #expect(try await c.listFolder(top).itemID == top) }
        #expect(try s.count("listfolder") - before > 10)

        // Always failing: an idempotent call gives up after maxAttempts tries, with the code.
        try await s.setFaults("error=5000:1")
        var n = try s.count("listfolder")
        await expectCode(5000) { try await c.listFolder(top) }
        #expect(try s.count("listfolder") - n == FaultySandbox.retry.maxAttempts)
        // Not idempotent: one try only (a repeated createfolder could have happened twice).
        n = try s.count("createfolder")
        do {
            _ = try await c.createFolder(in: top, name: "once")
            Issue.record("createfolder succeeded under error=5000:1")
        } catch let e as PCloudError {
            #expect(e.code == 5000 && e.category == .transient)
        }
        #expect(try s.count("createfolder") - n == 1)

        // Rate limited (4000): idempotent calls back off and try again.
        try await s.setFaults("ratelimit=0.3,seed=5")
        n = try s.count("userinfo")
        for _ in 0..<8 { #expect(try await c.userinfo().email == "alice@example.com") }
        #expect(try s.count("userinfo") - n > 8)
        try await s.setFaults("ratelimit=1")
        n = try s.count("userinfo")
        let started = ContinuousClock.now
        await expectCode(4000) { try await c.userinfo() }
        #expect(try s.count("userinfo") - n == FaultySandbox.retry.maxAttempts)
        #expect(ContinuousClock.now - started >= FaultySandbox.retry.rateLimitedDelay * (FaultySandbox.retry.maxAttempts - 1))
        // A sign-in is never repeated on 4000 (REAL-SERVICE §10).
        let user = s.sandbox.info.users[1]
        let login = try s.client(oauth: false)
        n = try s.count("userinfo")
        await expectCode(4000) {
            try await login.login("userinfo", ["getauth": "1", "username": user.email, "password": user.password])
        }
        #expect(login.credentials.sessionToken == nil)
        #expect(try s.count("userinfo") - n == 1)
        // Nor an upload: one uploadfile request.
        try await s.setFaults("error=5000:1")
        let local = Env.scratch().appendingPathComponent("once.bin")
        _ = try writeFile(local, bytes: 1000)
        n = try s.count("uploadfile")
        await expectCode(5000) { try await c.uploadFile(local, to: top) }
        #expect(try s.count("uploadfile") - n == 1)

        try await s.setFaults("")
        #expect(try await c.listFolder(top).contents?.isEmpty == true)
        await s.stop()
    }

    @Test func droppedResumableUploadResumesFromUploadInfo() async throws {
        let s = try await FaultySandbox()
        let c = try s.client()
        let top = try await c.testFolder("drop-up")
        let local = Env.scratch().appendingPathComponent("resume.bin")
        let bytes = try writeFile(local, bytes: 7 << 20 | 333)

        // Two writes in three break off after 1 MiB; each resumes from what the session holds.
        try await s.setFaults("drop-after=1MiB:0.65,seed=11")
        let seen = NIOLockedValueBox<Int64>(0)
        let result = try await c.uploadResumable(local, to: top, chunk: 2 << 20) { done, _ in
            seen.withLockedValue { $0 = max($0, done) }
        }
        try await s.setFaults("")
        #expect(result.metadata.size == Int64(bytes.count))
        #expect(result.checksums?.sha1 == sha1(bytes))
        #expect(try await c.checksumFile(result.metadata.fileid!).checksums.sha1 == sha1(bytes))
        #expect(seen.withLockedValue { $0 } == Int64(bytes.count))
        let writes = try s.count("upload_write"), infos = try s.count("upload_info")
        // 4 writes without drops; every drop costs an upload_info and a write from what it said.
        #expect(writes > 4, "no write was dropped: pick another seed")
        #expect(infos >= 2)

        // A dropped single-request upload is not repeated and leaves nothing (nopartial).
        try await s.setFaults("drop-after=1MiB:1")
        let n = try s.count("uploadfile")
        do {
            _ = try await c.uploadFile(local, to: top, name: "single.bin")
            Issue.record("a dropped uploadfile succeeded")
        } catch let e as PCloudError {
            #expect(e.category == .transient)
        }
        try await s.setFaults("")
        #expect(try s.count("uploadfile") - n == 1)
        #expect(try await c.listFolder(top).contents?.map(\.name) == ["resume.bin"])
        await s.stop()
    }

    @Test func droppedDownloadResumesWithRangeAndAFreshLink() async throws {
        let s = try await FaultySandbox()
        let c = try s.client()
        let top = try await c.testFolder("drop-down")
        let dir = Env.scratch()
        let local = dir.appendingPathComponent("src.bin")
        let bytes = try writeFile(local, bytes: 4 << 20 | 99)
        let fileid = try #require(try await c.uploadFile(local, to: top).metadata.fileid)

        // Every response breaks off after (at most) 1 MiB: each attempt continues with Range.
        try await s.setFaults("drop-after=1MiB:1")
        let links = try s.count("getfilelink"), contents = try s.count("content")
        let target = dir.appendingPathComponent("out.bin")
        try await c.download(fileid: fileid, to: target, options: .init(attempts: 2))
        try await s.setFaults("")
        #expect(try Data(contentsOf: target) == Data(bytes))
        #expect(!FileManager.default.fileExists(atPath: PCloudClient.partialPath(for: target).path))
        let attempts = try s.count("content") - contents
        #expect(attempts >= 5)
        // A fresh content link for every attempt (REAL-SERVICE §7).
        #expect(try s.count("getfilelink") - links == attempts)
        #expect(try s.count("checksumfile") >= 1)

        // No progress at all: gives up after `attempts`, nothing renamed into place.
        try await s.setFaults("error=5000:1")
        let stuck = dir.appendingPathComponent("stuck.bin")
        do {
            try await c.download(fileid: fileid, to: stuck, options: .init(attempts: 3))
            Issue.record("download succeeded with every response dropped")
        } catch let e as PCloudError {
            #expect(e.category == .transient)
        }
        #expect(!FileManager.default.fileExists(atPath: stuck.path))
        try await s.setFaults("")
        await s.stop()
    }

    @Test func recursiveListingFallsBackFolderByFolderOn5000() async throws {
        let s = try await FaultySandbox(recursiveListLimit: 10)
        let c = try s.client()
        let top = try await c.testFolder("tree")
        let big = try await c.createFolder(in: top, name: "big")
        let small = try await c.createFolder(in: top, name: "small")
        let deep = try await c.createFolder(in: big.itemID, name: "deep")
        let dir = Env.scratch()
        var files: [(URL, String)] = []
        for i in 0..<14 {
            let url = dir.appendingPathComponent("f\(i)")
            _ = try writeFile(url, bytes: 10 + i, seed: UInt8(i))
            files.append((url, "f\(i).txt"))
        }
        _ = try await c.uploadBatch(Array(files[0..<8]), to: big.itemID)
        _ = try await c.uploadBatch(Array(files[8..<14]), to: deep.itemID)
        _ = try await c.uploadBatch(Array(files[0..<2]), to: small.itemID)
        // The sandbox really refuses the big one recursively.
        await expectCode(5000) { try await c.listFolder(.id(big.itemID), options: ListOptions(recursive: true), retrying: false) }

        let before = try s.requests().count
        let tree = try await c.listTree(top)
        func names(_ m: Metadata) -> [String] {
            (m.contents ?? []).flatMap { [$0.name] + names($0).map { "\(m.name)/\($0)" } }
        }
        let listedBig = try #require(tree.root.contents?.first { $0.name == "big" })
        #expect(listedBig.contents?.count == 9)
        #expect(listedBig.contents?.first { $0.name == "deep" }?.contents?.count == 6)
        #expect(tree.root.contents?.first { $0.name == "small" }?.contents?.count == 2)
        let total = names(tree.root).count
        #expect(total == 19)
        // The refused recursive call was made once (not retried), then big and deep flat.
        let calls = try s.requests().dropFirst(before).filter { $0["method"] as? String == "listfolder" }
        let recursive = calls.filter { ($0["body"] as? [String])?.contains("recursive") == true }
        #expect(recursive.count == 2)
        #expect(calls.count == 1 + 2 + 2)
        await s.stop()
    }

    @Test func requestLogShowsNoSecretInAnyURL() async throws {
        let s = try await FaultySandbox()
        let info = s.sandbox.info
        let dir = Env.scratch()
        let local = dir.appendingPathComponent("a.bin")
        _ = try writeFile(local, bytes: 300_000)
        let tiny = dir.appendingPathComponent("tiny.txt")
        try Data("tiny".utf8).write(to: tiny)

        // OAuth: every API call carries the bearer header, nothing else.
        let c = try s.client()
        let top = try await c.testFolder("log")
        _ = try await c.userinfo()
        let up = try await c.uploadFile(local, to: top)
        _ = try await c.uploadBatch([(tiny, "t1.txt"), (tiny, "t2.txt")], to: top)
        _ = try await c.uploadResumable(local, to: top, name: "r.bin", chunk: 100_000)
        try await c.download(fileid: up.metadata.fileid!, to: dir.appendingPathComponent("down.bin"))
        _ = try await c.getTextFile(up.metadata.fileid!)
        _ = try await c.getZip(Tree(folderid: top), to: dir.appendingPathComponent("z.zip"))
        _ = try await c.listTree(top)
        let oauthLines = try s.requests()
        let apiLines = oauthLines.filter { $0["method"] as? String != "content" }
        #expect(apiLines.count >= 15)
        for line in apiLines {
            #expect(line["bearer"] as? Bool == true, "\(line)")
            let names = ["query", "body", "multipart", "cookie"].flatMap { line[$0] as? [String] ?? [] }
            #expect(!names.contains("auth") && !names.contains("access_token"), "\(line)")
        }

        // Password sign-in (also two-factor) and the session token: in a body or a cookie only.
        let bob = try s.client(1, oauth: false)
        try await bob.signIn(email: info.users[1].email, password: info.users[1].password)
        _ = try await bob.listFolder(0)
        _ = try await bob.uploadFile(local, to: 0, name: "session.bin")
        _ = try await bob.trashList()
        _ = try await bob.listTokens()
        let carol = try s.client(2, oauth: false)
        let code = info.users[2].tfaCode
        try await carol.signIn(email: info.users[2].email, password: info.users[2].password) { _, _ in code }
        _ = try await carol.logout()
        _ = try await bob.logout()
        // The OAuth code exchange keeps the secret in the body.
        _ = try? await s.client(oauth: false).oauth2Token(clientID: info.oauthClientID,
                                                          clientSecret: info.oauthClientSecret, code: "bogus")

        let all = try s.requests()
        #expect(all.count > oauthLines.count + 8)
        for line in all {
            #expect(line["secretinurl"] as? Bool == false, "\(line)")
            let query = line["query"] as? [String] ?? []
            for secret in ["auth", "access_token", "password", "passworddigest", "client_secret", "code", "token"] {
                #expect(!query.contains(secret), "\(secret) in a URL: \(line)")
            }
        }
        for line in all.dropFirst(oauthLines.count) where line["method"] as? String != "content" {
            #expect(line["bearer"] as? Bool == false, "\(line)")
        }
        let sessionLines = all.dropFirst(oauthLines.count).filter {
            ["listfolder", "uploadfile", "trash_list", "listtokens", "logout"].contains($0["method"] as? String ?? "")
        }
        #expect(sessionLines.count == 6)
        for line in sessionLines {
            let carried = (line["body"] as? [String] ?? []) + (line["cookie"] as? [String] ?? [])
            #expect(carried.contains("auth"), "\(line)")
        }
        await s.stop()
    }
}
