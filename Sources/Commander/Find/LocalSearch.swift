import Foundation

/// A find on disk: walks the tree below a folder in the background and reports what it finds
/// as it goes. Symbolic links are reported, never followed (no loops, no escaping the folder).
public enum LocalSearch {
    public typealias Batch = FindBatch

    /// Batches of matches (at most every few hundred entries); finishes when the walk is done.
    public static func run(_ query: FindQuery, in folder: String, drive: LocalDrive) -> AsyncThrowingStream<Batch, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task.detached {
              do {
                var pending = [folder]
                var batch = Batch()
                var sinceYield = 0
                while let dir = pending.popLast() {
                    try Task.checkCancellation()
                    let entries: [Entry]
                    do { entries = try await drive.list(.path(dir)) } catch {
                        batch.skipped.append((dir, CommanderError.from(error).message))
                        continue
                    }
                    for e in entries {
                        if e.isFolder { pending.append(e.path ?? Names.join(dir, e.name)) }
                        if query.accepts(e) { batch.found.append(e) }
                    }
                    sinceYield += entries.count
                    if sinceYield >= 512 || !batch.skipped.isEmpty {
                        continuation.yield(batch)
                        batch = Batch()
                        sinceYield = 0
                    }
                }
                continuation.yield(batch)
                continuation.finish()
              } catch { continuation.finish(throwing: CommanderError.from(error)) }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
