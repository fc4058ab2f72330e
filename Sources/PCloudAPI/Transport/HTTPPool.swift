import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL

/// Keep-alive HTTP/1.1 pools per transport configuration, alive for the whole process, so
/// clients (one per account, per test) share connections and never need shutting down. API
/// calls and transfers have a pool each: eight transfers (two jobs of four, or paused ones,
/// which keep their connections) once took every connection, and a listing queued behind them
/// until the connect timeout failed it (`getConnectionFromPoolTimeout`).
enum HTTPPool {
    enum Use: Hashable, Sendable { case calls, transfers }
    private struct Key: Hashable { let config: TransportConfig; let use: Use }
    private static let pools = NIOLockedValueBox<[Key: HTTPClient]>([:])

    static func client(for config: TransportConfig, use: Use) throws -> HTTPClient {
        try pools.withLockedValue { pools in
            let key = Key(config: config, use: use)
            if let client = pools[key] { return client }
            var tls = TLSConfiguration.makeClientConfiguration()
            if let caFile = config.caFile {
                // Only the given CA: a sandbox certificate must not pass as pCloud and vice versa.
                do {
                    tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
                } catch {
                    throw PCloudError(kind: .local, message: "cannot use the CA file \(caFile): it holds no PEM certificate",
                                      category: .badRequest, underlying: error)
                }
            }
            var configuration = HTTPClient.Configuration(
                tlsConfiguration: tls,
                redirectConfiguration: .disallow,
                timeout: .init(connect: .init(config.connectTimeout), read: .init(config.readTimeout)),
                connectionPool: .init(idleTimeout: .seconds(60),
                                      concurrentHTTP1ConnectionsPerHostSoftLimit: config.maxConnectionsPerHost),
                decompression: .disabled)
            configuration.httpVersion = .http1Only
            // A connection that cannot be made fails its requests at once, and `RetryPolicy` decides
            // (a refused port is retried within two seconds; a certificate not trusted never is).
            // The pool's own retrying held every request until the connect timeout: a closed port
            // took 41 s to report with the default policy.
            configuration.connectionPool.retryConnectionEstablishment = false
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            pools[key] = client
            return client
        }
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
