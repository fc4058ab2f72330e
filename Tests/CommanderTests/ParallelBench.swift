import Foundation
@testable import Commander
import Testing

/// Measures the transfer concurrency defaults; runs only with PCMD_BENCH set
/// (Benchmarks/commander-parallel.sh). Prints timings, asserts nothing about time.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PCMD_BENCH"] != nil), .serialized)
struct ParallelBench {
    func run(_ label: String, _ action: Action, parallel: Int, batch: Int) async throws -> Double {
        var config = JobQueue.Config(parallelTransfers: parallel)
        config.uploadBatchFiles = batch
        let q = JobQueue(config: config)
        let t0 = ContinuousClock.now
        try await q.perform(action)
        let s = Double((ContinuousClock.now - t0) / .milliseconds(1)) / 1000
        print(String(format: "%-34@ parallel %d: %6.2f s", label as NSString, parallel, s))
        return s
    }

    @Test func uploadsAndDownloadsAtOneTwoFourEight() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud()
        for i in 0..<200 { try write(work.appendingPathComponent("small/f\(i).txt"), 4096, seed: UInt32(i)) }
        for i in 0..<8 { try write(work.appendingPathComponent("large/l\(i).bin"), 8 << 20, seed: UInt32(i)) }
        let small = Item(local, path: work.path + "/small"), large = Item(local, path: work.path + "/large")
        for p in [1, 2, 4, 8] {
            let top = try await drive.testFolder("bench")
            _ = try await run("200 × 4 KiB upload, unbatched", .copy([small], into: Item(drive, top.ref)), parallel: p, batch: 1)
            let t2 = try await drive.testFolder("bench")
            _ = try await run("200 × 4 KiB upload, batches of 32", .copy([small], into: Item(drive, t2.ref)), parallel: p, batch: 32)
            _ = try await run("8 × 8 MiB upload", .copy([large], into: Item(drive, t2.ref)), parallel: p, batch: 32)
            let down = work.appendingPathComponent("down-\(p)")
            try FileManager.default.createDirectory(at: down, withIntermediateDirectories: true)
            let smallCloud = try #require(try await child(drive, top.ref, "small"))
            _ = try await run("200 × 4 KiB download", .copy([Item(drive, smallCloud.ref)], into: Item(local, path: down.path)),
                              parallel: p, batch: 32)
            let largeCloud = try #require(try await child(drive, t2.ref, "large"))
            _ = try await run("8 × 8 MiB download", .copy([Item(drive, largeCloud.ref)], into: Item(local, path: down.path)),
                              parallel: p, batch: 32)
        }
    }

    @Test func smallFilesWithThirtyMillisecondsPerCall() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud(distant: true)
        for i in 0..<200 { try write(work.appendingPathComponent("small/f\(i).txt"), 4096, seed: UInt32(i)) }
        let small = Item(local, path: work.path + "/small")
        for p in [1, 2, 4, 8] {
            let top = try await drive.testFolder("bench")
            _ = try await run("30 ms: 200 × 4 KiB up, unbatched", .copy([small], into: Item(drive, top.ref)), parallel: p, batch: 1)
            let t2 = try await drive.testFolder("bench")
            _ = try await run("30 ms: 200 × 4 KiB up, batched", .copy([small], into: Item(drive, t2.ref)), parallel: p, batch: 32)
            let down = work.appendingPathComponent("down-\(p)")
            try FileManager.default.createDirectory(at: down, withIntermediateDirectories: true)
            let smallCloud = try #require(try await child(drive, top.ref, "small"))
            _ = try await run("30 ms: 200 × 4 KiB download", .copy([Item(drive, smallCloud.ref)], into: Item(local, path: down.path)),
                              parallel: p, batch: 32)
        }
    }
}
