import Foundation

/// A pCloud account can do everything pcmd knows of.
extension CloudDrive {
    public var abilities: DriveAbilities { [.trash, .revisions, .publicLinks, .uploadLinks, .shares, .thumbnails, .fetchURLs] }

    /// The index answers a find at once: one batch.
    public func search(_ query: FindQuery, under path: String) -> AsyncThrowingStream<FindBatch, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    continuation.yield(FindBatch(found: try await find(query, under: path)))
                    continuation.finish()
                } catch { continuation.finish(throwing: error) }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
