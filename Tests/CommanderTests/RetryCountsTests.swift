import Foundation
@testable import Commander
import Testing

/// A job the queue repeats after a transient error (pCloud's 5000, a dropped connection) counts
/// each file once: the repeat neither adds the files again to the totals nor counts again the
/// files the first attempt finished.
@Suite struct RetryCountsTests {
    @Test func aRepeatedUploadCountsEachFileOnce() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud()
        let top = try await drive.testFolder("retry-counts")
        let size = 1_200_000  // above the batching size: one upload per file
        for i in 0..<5 { try write(work.appendingPathComponent("src/f\(i).bin"), size, seed: UInt32(i)) }
        var config = JobQueue.Config(parallelTransfers: 1, transientRetries: 2)
        // The third file arrives, then the attempt fails as on pCloud's 5000; the file is taken
        // away again so the repeat sends it without a conflict.
        let calls = Locked(0)
        config.hooks.afterCopy = { placed, target in
            guard calls.withLock({ $0 += 1; return $0 }) == 3 else { return }
            try await target.delete(placed.ref, permanent: false)
            throw CommanderError(.cloud, "Internal error. Try again later.", code: 5000, category: .transient)
        }
        let q = JobQueue(config: config)
        let id = try await q.submit(.copy([Item(local, path: work.path + "/src")], into: Item(drive, top.ref)))[0]
        let s = await q.wait(id)
        #expect(s.state == .done, "\(String(describing: s.error))")
        #expect(calls.withLock { $0 } == 6, "the failed file was sent again")
        #expect(s.filesTotal == 5 && s.filesDone == 5, "files \(s.filesDone)/\(s.filesTotal)")
        #expect(s.bytesTotal == Int64(5 * size) && s.bytesDone == Int64(5 * size), "bytes \(s.bytesDone)/\(s.bytesTotal)")
        let src = try #require(try await drive.list(top.ref).first)
        #expect(try await drive.list(src.ref).map(\.name).sorted() == (0..<5).map { "f\($0).bin" })
    }
}
