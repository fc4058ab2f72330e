import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL

/// One keep-alive HTTP/1.1 pool per transport configuration, alive for the whole process, so
/// clients (one per account, per test) share connections and never need shutting down.
enum HTTPPool {
    private static let pools = NIOLockedValueBox<[TransportConfig: HTTPClient]>([:])

    static func client(for config: TransportConfig) throws -> HTTPClient {
        try pools.withLockedValue { pools in
            if let client = pools[config] { return client }
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
            pools[config] = client
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
