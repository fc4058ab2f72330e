import Foundation

/// Work for the UI thread, posted by background tasks (a listing arrived, a job moved on).
/// The app loop drains it between key presses; nothing else touches app state off the loop.
public final class Inbox: @unchecked Sendable {
    public typealias Message = @MainActor @Sendable (App) -> Void
    private var messages: [Message] = []
    private let lock = NSLock()
    /// A byte is written here per post, so the loop's poll wakes at once instead of at its
    /// next tick (the read end is `wakeFD`).
    private let pipeFDs: (read: Int32, write: Int32)

    public init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        }
        pipeFDs = (fds[0], fds[1])
    }

    deinit { close(pipeFDs.read); close(pipeFDs.write) }

    public var wakeFD: Int32 { pipeFDs.read }

    public func post(_ m: @escaping Message) {
        lock.lock(); messages.append(m); lock.unlock()
        var byte: UInt8 = 1
        _ = write(pipeFDs.write, &byte, 1)
    }

    func drain() -> [Message] {
        var sink = [UInt8](repeating: 0, count: 256)
        while read(pipeFDs.read, &sink, sink.count) > 0 {}
        lock.lock(); defer { lock.unlock() }
        let out = messages
        messages = []
        return out
    }
}
