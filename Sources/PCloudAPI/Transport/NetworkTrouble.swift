import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Trouble below HTTP sorted into what a person can act on. The errors NIO and BoringSSL throw
/// describe themselves for their authors (`connection reset (error set): Connection refused
/// (errno: 111)`, an error stack naming BoringSSL's source files); this says it in one phrase.
public enum NetworkTrouble: String, Sendable, Hashable {
    case refused, unreachable, unknownHost, connectTimeout, readTimeout, closed
    /// Closed once the transfer's bytes were moving: the server was spoken to, so not a wrong
    /// scheme or port; a dropped network, a server stopped or restarted.
    case lost
    case untrustedCertificate, wrongCertificateName, secureConnection

    /// Nil for an error that is not network trouble (a local file, a cancellation).
    public init?(_ error: any Error) {
        switch error {
        case let e as NIOConnectionError:
            if e.dnsAError != nil || e.dnsAAAAError != nil, e.connectionErrors.isEmpty { self = .unknownHost; return }
            guard let first = e.connectionErrors.first else { self = .unreachable; return }
            self.init(first.error)
        case let e as IOError:
            self.init(errno: e.errnoCode)
        case is SocketAddressError, is SocketAddressError.UnknownHost:
            self = .unknownHost
        case let e as HTTPClientError:
            switch e {
            case .connectTimeout: self = .connectTimeout
            case .readTimeout, .deadlineExceeded: self = .readTimeout
            case .remoteConnectionClosed: self = .closed
            default: return nil
            }
        case let e as NIOSSLExtraError where e == .failedToValidateHostname:
            self = .wrongCertificateName
        case let e as NIOSSLError:
            if case .handshakeFailed(let inner) = e, "\(inner)".contains("CERTIFICATE_VERIFY_FAILED") {
                self = .untrustedCertificate
            } else {
                self = e == .uncleanShutdown ? .closed : .secureConnection
            }
        // The connection ended inside an answer ("stream ended at an unexpected time").
        case let e as HTTPParserError where e == .invalidEOFState:
            self = .closed
        case let e as ChannelError:
            if case .connectTimeout = e { self = .connectTimeout } else { self = .closed }
        default:
            return nil
        }
    }

    init?(errno code: Int32) {
        switch code {
        case ECONNREFUSED: self = .refused
        case ENETUNREACH, EHOSTUNREACH, EHOSTDOWN, ENETDOWN: self = .unreachable
        case ETIMEDOUT: self = .connectTimeout
        case ECONNRESET, EPIPE, ECONNABORTED: self = .closed
        default: return nil
        }
    }

    /// One sentence naming `host` (`127.0.0.1:8781`, `api.pcloud.com`).
    public func sentence(host: String) -> String {
        switch self {
        case .refused: "cannot reach \(host): connection refused"
        case .unreachable: "cannot reach \(host): the network is unreachable"
        case .unknownHost: "cannot find \(host): no such host name"
        case .connectTimeout: "cannot reach \(host): no answer to the connection"
        case .readTimeout: "\(host) stopped answering (timed out)"
        case .closed: "\(host) closed the connection"
        case .lost: "the connection to \(host) was lost mid-transfer"
        case .untrustedCertificate: "the certificate of \(host) is not trusted"
        case .wrongCertificateName: "the certificate of \(host) is made out to another name"
        case .secureConnection: "cannot make a secure connection to \(host)"
        }
    }

    /// Worth another try: a server starting, a network hiccup. A certificate will not change.
    var isTransient: Bool {
        switch self {
        case .untrustedCertificate, .wrongCertificateName, .secureConnection, .unknownHost: false
        default: true
        }
    }

    /// `host:port` as the URL gives it (no port when the URL has none).
    static func host(of url: String) -> String? {
        guard let c = URLComponents(string: url), var host = c.host else { return nil }
        if host.contains(":"), !host.hasPrefix("[") { host = "[\(host)]" }
        return c.port.map { "\(host):\($0)" } ?? host
    }
}
