import Hummingbird
import NIOCore

/// One API request as a handler sees it.
struct Call: Sendable {
    let method: String
    let params: Params
    let caller: Caller?
    let env: SandboxEnv
    let request: Request
    let origin: Origin
    /// Set when the body is multipart: positioned after the leading fields.
    let multipart: MultipartReader<RequestBody.AsyncIterator>?
    /// For handlers that stream a response body.
    let pacer: Pacer

    var user: UserRow { caller!.user }
    var tf: TimeFormat { params.timeFormat }
    var store: Store { env.store }
    /// The connection the request came on (fileops descriptors live with it).
    var channel: (any Channel)?
    /// The caller's shares, as they were when the request arrived.
    /// Loaded once by the responder for callers; the transactions of the request reuse it.
    var shares: ShareContext?
    var render: MetadataRenderer { MetadataRenderer(rootid: user.rootid, tf: tf, viewer: user.uid, shares: shares ?? .none) }

    /// Runs `body` in a write transaction with the caller's tree.
    func write<T: Sendable>(_ body: @escaping @Sendable (Tree) throws -> T) async throws -> T {
        let user = self.user, shares = self.shares
        return try await store.write { db in try body(Tree(db: db, user: user, shares: shares)) }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Tree) throws -> T) async throws -> T {
        let user = self.user, shares = self.shares
        return try await store.read { db in try body(Tree(db: db, user: user, shares: shares)) }
    }
}

/// Where a request came from and arrived at.
struct Origin: Sendable {
    let remoteIP: String
    let localPort: Int
    /// Host header without port (falls back to the bound address).
    let hostName: String

    /// The test routes (`/_sandbox/…`) answer only callers on this machine.
    var isLoopback: Bool { remoteIP == "127.0.0.1" || remoteIP == "::1" }
}

enum Reply: Sendable {
    case json(JSONObject)
    case response(Response)

    static let ok = Reply.json(JSONObject())
}

typealias Handler = @Sendable (Call) async throws -> Reply

struct MethodSpec: Sendable {
    let auth: AuthNeed
    let handler: Handler
}
