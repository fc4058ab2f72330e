import AsyncHTTPClient
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// The tokens a client signs its calls with. An account may hold both: the OAuth token for
/// everything, a session token from a password sign-in for what pCloud refuses OAuth (§1).
public struct Credentials: Sendable, Equatable {
    public var oauthToken: String?
    public var sessionToken: String?

    public init(oauthToken: String? = nil, sessionToken: String? = nil) {
        self.oauthToken = oauthToken; self.sessionToken = sessionToken
    }
}

/// A typed pCloud client. Methods live in extensions grouped as the API reference groups them
/// (`Methods/`); transfers in `Transfers/`.
public final class PCloudClient: Sendable {
    public let endpoint: Endpoint
    public let config: TransportConfig
    let state: NIOLockedValueBox<Credentials>
    let logger: Logger
    let made = NIOLockedValueBox<[String: Int]>([:])

    public init(endpoint: Endpoint, credentials: Credentials = Credentials(), config: TransportConfig = TransportConfig(),
                logger: Logger = Logger(label: "pcmd.api")) throws {
        self.endpoint = endpoint
        self.config = config
        if let ca = config.caFile, !FileManager.default.isReadableFile(atPath: ca) {
            throw PCloudError(kind: .local, message: "cannot read the CA file \(ca)", category: .internal, method: nil)
        }
        self.state = NIOLockedValueBox(credentials)
        self.logger = logger
    }

    /// The shared pool for this configuration, made on the first request: its TLS context
    /// (the CA file parsed, BoringSSL set up) stays off a TUI's first frame.
    var http: HTTPClient { get throws { try HTTPPool.client(for: config, use: .calls) } }

    /// The pool for content and uploads, apart from `http`: transfers hold their connections for
    /// minutes (a paused one keeps its own), and browsing must never queue behind them.
    var transferHTTP: HTTPClient { get throws { try HTTPPool.client(for: config, use: .transfers) } }

    public var credentials: Credentials { state.withLockedValue { $0 } }

    /// Requests this client has sent, of one method or of all (a find index proves with it
    /// what a build cost).
    public func requestCount(_ method: String? = nil) -> Int {
        made.withLockedValue { m in method.map { m[$0] ?? 0 } ?? m.values.reduce(0, +) }
    }

    public func setSessionToken(_ token: String?) { state.withLockedValue { $0.sessionToken = token } }
    public func setOAuthToken(_ token: String?) { state.withLockedValue { $0.oauthToken = token } }

    /// The same account and tokens on another host of the same scheme (a `getapiserver` front
    /// end, or the `currentserver` host that progress polls must reach).
    public func on(host: String) throws -> PCloudClient {
        try PCloudClient(endpoint: .custom(try endpoint.with(host: host)), credentials: credentials, config: config,
                         logger: logger)
    }
}
