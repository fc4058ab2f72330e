import Foundation
@testable import Commander
import Testing

/// 2,000 × 4 KiB uploaded through Commander, with mtimes all in one second and all in different
/// seconds (batches form only within a second), on the local sandbox and on one whose every
/// call waits 30 ms. Runs only with PCMD_BENCH set; prints timings.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PCMD_BENCH"] != nil), .serialized)
struct BatchMtimeBench {
    @Test(arguments: [false, true]) func twoThousandSmallFilesEqualAndDistinctMtimes(distant: Bool) async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud(distant: distant)
        for (label, step) in [("equal", 0.0), ("distinct", 1.0)] {
            let dir = work.appendingPathComponent(label)
            for i in 0..<2000 {
                let url = dir.appendingPathComponent("s\(i).bin")
                try write(url, 4096, seed: UInt32(i))
                try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_600_000_000 + Double(i) * step)],
                                                      ofItemAtPath: url.path)
            }
            let top = try await drive.testFolder("bench")
            let sent = drive.client.requestCount("uploadfile")
            let t0 = ContinuousClock.now
            try await JobQueue().perform(.copy([Item(local, path: dir.path)], into: Item(drive, top.ref)))
            let s = Double((ContinuousClock.now - t0) / .milliseconds(1)) / 1000
            print(String(format: "%@2000 × 4 KiB up, mtimes %-8@: %6.2f s, %d uploadfile requests",
                         distant ? "30 ms per call: " : "", label as NSString, s,
                         drive.client.requestCount("uploadfile") - sent))
        }
    }
}
