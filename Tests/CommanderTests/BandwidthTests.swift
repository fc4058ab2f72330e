import Foundation
@testable import Commander
import Testing

/// `--bwlimit`: rates as rclone writes them, one limit for every transfer of a queue, bytes over
/// time bounded from above (never a duration asserted), and a new rate taking effect at once.
@Suite struct BandwidthTests {
    @Test func ratesReadAsRclonesBwlimit() {
        #expect(BandwidthRate.parse("10M")??.bytesPerSecond == 10 << 20)
        #expect(BandwidthRate.parse("512k")??.bytesPerSecond == 512 << 10)
        #expect(BandwidthRate.parse("1.5G")??.bytesPerSecond == 3 << 29)
        #expect(BandwidthRate.parse("100")??.bytesPerSecond == 100 << 10, "a bare number is KiB/s")
        #expect(BandwidthRate.parse(" 2MiB ")??.bytesPerSecond == 2 << 20)
        for off in ["off", "OFF", "0", "0k"] { #expect(BandwidthRate.parse(off) == .some(nil), "\(off)") }
        for bad in ["", "fast", "-5", "-1M", "nan", "inf", "infM", "1e30", "1e30M", "10M:1M", "10 M/s"] {
            #expect(BandwidthRate.parse(bad) == nil, "\(bad)")
        }
        #expect(BandwidthRate.parse("10M")??.description == "10.0 MiB/s")
    }

    @Test func aConfigsBwlimitIsReadAndABadOneIsNamed() throws {
        let f = ConfigFolder(url: FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-config-\(UUID().uuidString)/pcmd"))
        try FileManager.default.createDirectory(at: f.url, withIntermediateDirectories: true)
        try "[transfers]\nbwlimit = \"512k\"\n".write(to: f.configFile, atomically: true, encoding: .utf8)
        let c = try Config.load(from: f)
        #expect(c.transfers.rate?.bytesPerSecond == 512 << 10)
        try c.save(to: f)
        #expect(try Config.load(from: f) == c)
        try "[transfers]\nbwlimit = \"quick\"\n".write(to: f.configFile, atomically: true, encoding: .utf8)
        #expect { try Config.load(from: f) } throws: { "\($0)".contains("bwlimit “quick” is not a rate") }
    }

    /// Three transfers pacing 4 KiB buffers share one limit: the bytes let through stay under
    /// rate × elapsed + one buffer each; a lower rate holds them within its own bound from the
    /// change on; lifting the limit lets waiters reserved under the old one go at once.
    @Test(.timeLimit(.minutes(1))) func oneLimitBoundsAllTransfersAndANewRateTakesEffect() async throws {
        let limiter = BandwidthLimiter(BandwidthRate(bytesPerSecond: 1 << 20))
        let sent = Locked(0)
        let chunk = 4096, perTask = 1 << 20
        let start = ContinuousClock.now
        let tasks = (0..<3).map { _ in
            Task {
                for _ in 0..<(perTask / chunk) {
                    try await limiter.pace(chunk)
                    sent.withLock { $0 += chunk }
                }
            }
        }
        func seconds(since t: ContinuousClock.Instant) -> Double { Double((ContinuousClock.now - t) / .milliseconds(1)) / 1000 }
        try await Task.sleep(for: .milliseconds(500))
        let early = sent.current, elapsed = seconds(since: start)
        #expect(Double(early) <= Double(1 << 20) * elapsed + Double(3 * chunk), "\(early) bytes in \(elapsed) s")
        #expect(early < 3 * perTask)

        limiter.rate = BandwidthRate(bytesPerSecond: 8 << 10)
        let changed = ContinuousClock.now, before = sent.current
        try await Task.sleep(for: .milliseconds(500))
        let slow = sent.current - before, span = seconds(since: changed)
        // One buffer each may have been past its wait at the change, one each goes at once after it.
        #expect(Double(slow) <= Double(8 << 10) * span + Double(6 * chunk), "\(slow) bytes in \(span) s at 8 KiB/s")

        limiter.rate = nil
        for t in tasks { try await t.value }
        #expect(sent.current == 3 * perTask)
    }
}
