import Foundation
import PCloudAPI

/// What a browsing UI asks of an account besides listings: quota, a change feed that keeps
/// panes live, a text preview and a thumbnail.
extension CloudDrive {
    public struct Quota: Sendable, Hashable {
        public var email: String
        public var used: Int64
        public var total: Int64
        /// What is left, never negative; computed without overflow whatever the server claims.
        public var free: Int64 {
            let t = max(0, total)
            return t - min(max(0, used), t)
        }
    }

    public func quota() async throws -> Quota {
        let u = try await cloud { try await client.userinfo() }
        return Quota(email: u.email, used: u.usedquota, total: u.quota)
    }

    /// A change in the account, reduced to what a pane needs: which folders to list again
    /// (nil: everything, after a feed reset).
    public struct Change: Sendable, Hashable {
        public var folderids: Set<Int>?
    }

    /// `diff` long-polls from now on; ends when the task is cancelled. While it runs, the find
    /// index follows the same events.
    public func changes() -> AsyncThrowingStream<Change, any Error> {
        let index = index
        let feed = client.changes(ready: { await index.follow() })
        return AsyncThrowingStream { continuation in
            let task = Task {
                var failure: CommanderError?
                do {
                    for try await e in feed {
                        await index.apply(e)
                        guard let m = e.metadata else {
                            continuation.yield(Change(folderids: e.event == "reset" ? nil : []))
                            continue
                        }
                        var ids: Set<Int> = []
                        if let p = m.parentfolderid { ids.insert(p) }
                        if m.isfolder { ids.insert(m.itemID) }
                        continuation.yield(Change(folderids: ids))
                    }
                } catch { failure = CommanderError.from(error) }
                await index.unfollow()
                continuation.finish(throwing: failure)
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The start of a text file as UTF-8 (`gettextfile`).
    public func text(_ item: ItemRef, limit: Int = 4 << 20) async throws -> Data {
        let id = try await metadata(item).itemID
        return try await cloud { try await client.getTextFile(id, limit: limit) }
    }

    /// A PNG thumbnail at most `width`×`height` pixels (sizes rounded to what getthumb accepts).
    public func thumbnail(_ item: ItemRef, width: Int, height: Int) async throws -> Data {
        let id = try await metadata(item).itemID
        func fit(_ v: Int, _ lo: Int, _ hi: Int) -> Int { max(lo, min(hi, v / 4 * 4)) }
        return try await cloud { try await client.getThumb(id, size: ThumbSize(fit(width, 16, 2048), fit(height, 16, 1024)), png: true) }
    }
}
