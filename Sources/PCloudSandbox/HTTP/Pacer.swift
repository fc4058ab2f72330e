import NIOCore

/// Keeps a streaming response from racing ahead of its connection. Writes are handed to the
/// channel's event loop; until the loop has run them the channel still looks writable, so a
/// producer reading from the page cache can queue tens of megabytes. Every `window` bytes the
/// producer waits for one round trip through the loop, after which writability (and so the
/// response writer's back-pressure) is current again.
///
/// It also applies the injected `bandwidth` and `drop-after` faults to what it paces, and
/// counts the bytes in the sandbox's `Traffic`.
struct Pacer: Sendable {
    static let chunk = 256 * 1024
    static let window = 1 << 20

    let eventLoop: any EventLoop
    private let faults: Faults?
    private let traffic: Traffic?
    private let what: String
    private var bandwidth: Int64?
    private var dropAfter: Int64?
    private var rolled = false
    private var sinceSync = 0
    private var total: Int64 = 0
    private var started = ContinuousClock.now

    init(eventLoop: any EventLoop, faults: Faults? = nil, traffic: Traffic? = nil, what: String = "transfer") {
        self.eventLoop = eventLoop
        self.faults = faults
        self.traffic = traffic
        self.what = what
    }

    mutating func wrote(_ bytes: Int) async throws {
        // Faults are drawn when bytes first move, so calls that send no content draw none.
        if !rolled {
            rolled = true
            bandwidth = faults?.bandwidth
            dropAfter = faults?.dropPoint(what)
            started = ContinuousClock.now
        }
        total += Int64(bytes)
        traffic?.add(bytes, for: what)
        if let dropAfter, total >= dropAfter { throw InjectedDrop() }
        if let bandwidth {
            let due = Duration.seconds(Double(total) / Double(bandwidth))
            let elapsed = ContinuousClock.now - started
            if due > elapsed { try await Task.sleep(for: due - elapsed) }
        }
        sinceSync += bytes
        guard sinceSync >= Pacer.window else { return }
        sinceSync = 0
        try await eventLoop.submit {}.get()
    }
}
