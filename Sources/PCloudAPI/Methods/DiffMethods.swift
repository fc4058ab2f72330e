import Foundation

extension PCloudClient {
    /// Events after `diffid` (or the newest `last`; `last: 0` gives only the current id).
    /// `block` holds the request until an event arrives (about a minute at most, §8).
    public func diff(diffid: Int? = nil, last: Int? = nil, after: Int64? = nil, limit: Int? = nil,
                     block: Bool = false) async throws -> DiffResult {
        var p = Params()
        p.set("diffid", diffid)
        p.set("last", last)
        p.set("after", after)
        p.set("limit", limit)
        if block, diffid != nil { p["block"] = "1" }
        return try await call("diff", p, idempotent: true, timeout: block ? .seconds(120) : nil)
    }

    /// A change feed: starts at the current id and long-polls. A failing `diff` restarts from
    /// `last=0` and yields a synthetic `reset` so the consumer drops its state (§8).
    /// `ready` runs once the feed's starting point is fixed: every change after it will come.
    public func changes(from start: Int? = nil, ready: (@Sendable () async -> Void)? = nil)
        -> AsyncThrowingStream<DiffEvent, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    var cursor: Int
                    if let start { cursor = start } else { cursor = try await self.diff(last: 0).diffid }
                    await ready?()
                    while !Task.isCancelled {
                        do {
                            let r = try await self.diff(diffid: cursor, block: true)
                            for e in r.entries { continuation.yield(e) }
                            cursor = r.diffid
                        } catch let e as PCloudError where e.kind == .api && e.category != .auth {
                            cursor = try await self.diff(last: 0).diffid
                            continuation.yield(DiffEvent(reset: cursor))
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

extension DiffEvent {
    init(reset diffid: Int) {
        event = "reset"; time = Int64(Date().timeIntervalSince1970); self.diffid = diffid
    }
}
