import Foundation
import PCloudAPI

/// A transfer rate as rclone's `--bwlimit` takes it: `10M`, `512k`, `1.5G` (binary multiples,
/// bytes per second), a bare number in KiB/s, `off` (or 0) for no limit.
public struct BandwidthRate: Sendable, Hashable, CustomStringConvertible {
    public let bytesPerSecond: Int64

    public init?(bytesPerSecond: Int64) {
        guard bytesPerSecond > 0 else { return nil }
        self.bytesPerSecond = bytesPerSecond
    }

    /// The limit `text` asks for: `.some(nil)` is no limit, nil text that is no rate.
    public static func parse(_ text: String) -> BandwidthRate?? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.lowercased() == "off" || t == "0" { return .some(nil) }
        // rclone's default unit is KiB/s.
        let n = Double(t).map { $0 * 1024 < 0x1p63 ? Int64($0 * 1024) : -1 } ?? (t.last?.isLetter == true ? Units.parseBytes(t) : nil)
        guard let n else { return nil }
        return n == 0 ? .some(nil) : BandwidthRate(bytesPerSecond: n).map { .some($0) }
    }

    /// `10.0 MiB/s`.
    public var description: String { Units.rate(Double(bytesPerSecond)) }
}

/// One limit shared by every transfer of a process (the job queue's): each buffer reserves its
/// turn on a common clock, so N transfers together stay under the rate however many run. Over
/// any span, the bytes let through are at most rate × span plus one buffer per transfer.
/// A new rate takes effect at once, also for transfers already waiting their turn.
public final class BandwidthLimiter: Sendable {
    struct Turns {
        var rate: BandwidthRate?
        /// When the next buffer may go.
        var next = ContinuousClock.now
        /// Changes with the rate: a wait reserved under the old one is given up.
        var generation = 0
    }
    private let turns: Locked<Turns>

    public init(_ rate: BandwidthRate? = nil) { turns = Locked(Turns(rate: rate)) }

    /// The one limiter of the pcmd process: its queues (the TUI's, a command's) all take it.
    public static let process = BandwidthLimiter()

    /// nil: no limit.
    public var rate: BandwidthRate? {
        get { turns.withLock { $0.rate } }
        set { turns.withLock { t in t.rate = newValue; t.next = .now; t.generation += 1 } }
    }

    /// Waits for the turn of `bytes` (none without a limit).
    public func pace(_ bytes: Int) async throws {
        guard bytes > 0 else { return }
        while true {
            let turn = turns.withLock { t -> (at: ContinuousClock.Instant, generation: Int)? in
                guard let rate = t.rate else { return nil }
                let at = max(t.next, .now)
                t.next = at + .seconds(Double(bytes) / Double(rate.bytesPerSecond))
                return (at, t.generation)
            }
            guard let turn else { return }
            // In slices, so a rate changed meanwhile is seen within one.
            while true {
                let left = turn.at - .now
                if left <= .zero { return }
                try await Task.sleep(for: min(left, .milliseconds(100)))
                if turns.withLock({ $0.generation }) != turn.generation { break }
            }
        }
    }
}
