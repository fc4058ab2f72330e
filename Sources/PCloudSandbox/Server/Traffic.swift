import NIOConcurrencyHelpers

/// Content bytes moved, by what moved them (`upload_write`, `upload`, `download`, …): what
/// arrived in request bodies and what left in content responses. Tests read it through
/// `/_sandbox/traffic` to prove how much a resumed transfer sent again.
final class Traffic: Sendable {
    private let bytes = NIOLockedValueBox<[String: Int64]>([:])

    func add(_ n: Int, for what: String) { bytes.withLockedValue { $0[what, default: 0] += Int64(n) } }

    var counts: [String: Int64] { bytes.withLockedValue { $0 } }

    func reset() { bytes.withLockedValue { $0 = [:] } }
}
