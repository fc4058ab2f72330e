import Foundation
import Logging
import NIOConcurrencyHelpers

/// Faults injected on purpose, for tests and benchmarks:
/// `error=5000:0.05,ratelimit=0.02,drop-after=3MiB:0.1,latency=50ms,bandwidth=20MiB/s,seed=7` (a latency
/// also in seconds, `2s`);
/// `lose-answer=uploadfile:2` runs the next two uploadfile calls but answers them with a proxy's
/// 502 page, as when a gateway gave up waiting while pCloud finished the work.
/// Settable at start (`--faults`) and at run time (`/_sandbox/faults` on loopback). Every
/// injected fault is logged.
public struct FaultPlan: Sendable, Equatable {
    public var errors: [Rule] = []
    public var rateLimit: Double = 0
    public var dropAfter: (bytes: Int64, probability: Double)?
    public var latencyMilliseconds: Int = 0
    public var bandwidth: Int64?
    public var seed: UInt64 = 1
    /// Per method, how many of its next answers are lost after it ran.
    public var lostAnswers: [String: Int] = [:]
    public private(set) var spec: String = ""

    public struct Rule: Sendable, Equatable {
        public let code: Int
        public let probability: Double
    }

    public static func == (a: FaultPlan, b: FaultPlan) -> Bool { a.spec == b.spec }

    public init() {}

    public init(parsing spec: String) throws {
        self.spec = spec
        for item in spec.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { throw FaultSpecError(item) }
            let (key, value) = (kv[0], kv[1])
            switch key {
            case "error":
                let parts = value.split(separator: ":")
                guard parts.count == 2, let code = Int(parts[0]), let p = Double(parts[1]) else { throw FaultSpecError(item) }
                errors.append(Rule(code: code, probability: p))
            case "ratelimit":
                guard let p = Double(value) else { throw FaultSpecError(item) }
                rateLimit = p
            case "drop-after":
                let parts = value.split(separator: ":")
                guard let bytes = Self.size(String(parts[0])) else { throw FaultSpecError(item) }
                dropAfter = (bytes, parts.count > 1 ? Double(parts[1]) ?? 1 : 1)
            case "latency":
                guard let ms = Self.milliseconds(value) else { throw FaultSpecError(item) }
                latencyMilliseconds = ms
            case "bandwidth":
                guard let rate = Self.size(value.replacingOccurrences(of: "/s", with: "")) else { throw FaultSpecError(item) }
                bandwidth = rate
            case "lose-answer":
                let parts = value.split(separator: ":").map(String.init)
                guard !parts[0].isEmpty, parts.count <= 2, let n = parts.count == 2 ? Int(parts[1]) : 1, n > 0 else {
                    throw FaultSpecError(item)
                }
                lostAnswers[parts[0], default: 0] += n
            case "seed":
                guard let s = UInt64(value) else { throw FaultSpecError(item) }
                seed = s
            default:
                throw FaultSpecError(item)
            }
        }
    }

    /// `1500ms`, `2s`, `0.5s`; a bare number is milliseconds.
    static func milliseconds(_ text: String) -> Int? {
        let (number, factor) = text.hasSuffix("ms") ? (text.dropLast(2), 1.0) : text.hasSuffix("s") ? (text.dropLast(), 1000.0) : (Substring(text), 1.0)
        guard let n = Double(number), n >= 0, (n * factor).isFinite, n * factor < Double(Int32.max) else { return nil }
        return Int((n * factor).rounded())
    }

    /// `3MiB`, `500KiB`, `1GiB`, `20MB`, `1024`.
    static func size(_ text: String) -> Int64? {
        let units: [(String, Int64)] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10), ("GB", 1_000_000_000),
                                        ("MB", 1_000_000), ("KB", 1000), ("B", 1)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).map { Int64($0 * Double(factor)) }
        }
        return Int64(text)
    }
}

public struct FaultSpecError: Error, CustomStringConvertible {
    let item: String
    init(_ item: String) { self.item = item }
    public var description: String { "bad fault '\(item)': see `pcmd sandbox --help` for the syntax" }
}

/// The plan in force plus its seeded random numbers.
final class Faults: Sendable {
    private struct State {
        var plan: FaultPlan
        var rng: SplitMix64
    }
    private let state: NIOLockedValueBox<State>
    private let logger: Logger

    init(_ plan: FaultPlan, logger: Logger) {
        state = NIOLockedValueBox(State(plan: plan, rng: SplitMix64(seed: plan.seed)))
        self.logger = logger
    }

    var plan: FaultPlan { state.withLockedValue { $0.plan } }

    func set(_ plan: FaultPlan) {
        state.withLockedValue { $0 = State(plan: plan, rng: SplitMix64(seed: plan.seed)) }
        logger.warning("faults now: \(plan.spec.isEmpty ? "none" : plan.spec)")
    }

    private func roll(_ p: Double) -> Bool {
        guard p > 0 else { return false }
        return state.withLockedValue { Double($0.rng.next() >> 11) / Double(1 << 53) < p }
    }

    /// Before an API method runs: latency, then maybe a rate limit or an error.
    func beforeMethod(_ method: String) async throws {
        let plan = self.plan
        if plan.latencyMilliseconds > 0 { try await Task.sleep(nanoseconds: UInt64(plan.latencyMilliseconds) * 1_000_000) }
        if roll(plan.rateLimit) {
            logger.warning("fault: \(method) answered 4000 (rate limit)")
            throw APIError(4000)
        }
        for rule in plan.errors where roll(rule.probability) {
            logger.warning("fault: \(method) answered \(rule.code)")
            throw APIError(rule.code)
        }
    }

    /// For one transfer: after how many bytes its connection is dropped, if at all.
    func dropPoint(_ what: String) -> Int64? {
        guard let drop = plan.dropAfter, roll(drop.probability) else { return nil }
        logger.warning("fault: \(what) will be dropped after \(drop.bytes) bytes")
        return drop.bytes
    }

    var bandwidth: Int64? { plan.bandwidth }

    /// After `method` ran: whether its answer is to be lost (counts one down).
    func losesAnswer(_ method: String) -> Bool {
        let lost = state.withLockedValue { s -> Bool in
            guard let n = s.plan.lostAnswers[method], n > 0 else { return false }
            s.plan.lostAnswers[method] = n - 1
            return true
        }
        if lost { logger.warning("fault: \(method) ran, and its answer is lost (502)") }
        return lost
    }
}

/// Small, seedable, good enough to make fault runs repeatable.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A dropped connection, injected.
struct InjectedDrop: Error {}
