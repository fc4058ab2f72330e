import NIOCore

/// Keeps a streaming response from racing ahead of its connection. Writes are handed to the
/// channel's event loop; until the loop has run them the channel still looks writable, so a
/// producer reading from the page cache can queue tens of megabytes. Every `window` bytes the
/// producer waits for one round trip through the loop, after which writability (and so the
/// response writer's back-pressure) is current again.
struct Pacer: Sendable {
    static let chunk = 256 * 1024
    static let window = 1 << 20

    let eventLoop: any EventLoop
    private var sinceSync = 0

    init(eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    mutating func wrote(_ bytes: Int) async throws {
        sinceSync += bytes
        guard sinceSync >= Pacer.window else { return }
        sinceSync = 0
        try await eventLoop.submit {}.get()
    }
}
