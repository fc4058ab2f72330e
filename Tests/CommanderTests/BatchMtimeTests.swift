import Foundation
@testable import Commander
import Testing

/// Batched small-file uploads keep every file's modification time: `uploadfile` takes one
/// `mtime` per request, so only files of one second travel together.
@Suite struct BatchMtimeTests {
    func touch(_ url: URL, _ seconds: Double) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: seconds)], ofItemAtPath: url.path)
    }

    @Test func everyUploadedFileKeepsItsSecondAndSharedSecondsShareARequest() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud()
        let top = try await drive.testFolder("mtime")
        let src = work.appendingPathComponent("src")
        var want: [String: Int64] = [:]
        func file(_ name: String, _ seconds: Double, size: Int = 4096) throws {
            let url = src.appendingPathComponent(name)
            try write(url, size, seed: UInt32(want.count))
            try touch(url, seconds)
            want[name] = Int64(seconds.rounded(.down))
        }
        // Two groups sharing a second (one with fractions and an empty file in it)…
        for i in 0..<6 { try file("a\(i).txt", 1_600_000_000 + Double(i) * 0.15) }
        try file("a-empty.txt", 1_600_000_000.9, size: 0)
        for i in 0..<4 { try file("b\(i).txt", 1_650_000_000) }
        // …and files whose second no other file shares.
        for i in 0..<3 { try file("c\(i).txt", 1_700_000_000 + Double(i) * 86_400) }

        let sent = drive.client.requestCount("uploadfile")
        let done = try await JobQueue().perform(.copy([Item(local, path: src.path)], into: Item(drive, top.ref)))
        #expect(done[0].state == .done && done[0].filesDone == want.count)
        // One request per shared second, one per lone file.
        #expect(drive.client.requestCount("uploadfile") - sent == 2 + 3)

        let folder = try #require(try await child(drive, top.ref, "src"))
        let listed = try await drive.list(folder.ref)
        #expect(listed.count == want.count)
        for e in listed {
            #expect(Int64(e.modified.timeIntervalSince1970) == want[e.name], "\(e.name)")
        }
        #expect(try await hashes(drive, folder.ref) == (try await hashes(local, .path(src.path))))
    }

    @Test func batchesOfOneSecondStillHonourTheBatchSize() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud()
        let top = try await drive.testFolder("mtime")
        let src = work.appendingPathComponent("src")
        for i in 0..<10 {
            let url = src.appendingPathComponent("f\(i).txt")
            try write(url, 100, seed: UInt32(i))
            try touch(url, 1_600_000_000)
        }
        var config = JobQueue.Config()
        config.uploadBatchFiles = 4
        let sent = drive.client.requestCount("uploadfile")
        try await JobQueue(config: config).perform(.copy([Item(local, path: src.path)], into: Item(drive, top.ref)))
        // 4 + 4 + 2.
        #expect(drive.client.requestCount("uploadfile") - sent == 3)
        let folder = try #require(try await child(drive, top.ref, "src"))
        #expect(try await drive.list(folder.ref).map { Int64($0.modified.timeIntervalSince1970) } == Array(repeating: 1_600_000_000, count: 10))
    }
}
