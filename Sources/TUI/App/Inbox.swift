import Foundation

/// Work for the UI thread, posted by background tasks (a listing arrived, a job moved on).
/// The app loop drains it between key presses; nothing else touches app state off the loop.
public final class Inbox: @unchecked Sendable {
    public typealias Message = @MainActor @Sendable (App) -> Void
    private var messages: [Message] = []
    private let lock = NSLock()

    public func post(_ m: @escaping Message) {
        lock.lock(); messages.append(m); lock.unlock()
    }

    func drain() -> [Message] {
        lock.lock(); defer { lock.unlock() }
        let out = messages
        messages = []
        return out
    }
}
