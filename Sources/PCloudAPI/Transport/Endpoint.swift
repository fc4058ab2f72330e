import Foundation

/// Where the API lives: a pCloud region or a custom base URL (the sandbox).
public enum Endpoint: Sendable, Equatable {
    case us
    case eu
    /// e.g. `https://127.0.0.1:8443`; the scheme is reused for content links.
    case custom(URL)

    public var baseURL: URL {
        switch self {
        case .us: URL(string: "https://api.pcloud.com")!
        case .eu: URL(string: "https://eapi.pcloud.com")!
        case .custom(let url): url
        }
    }

    /// pCloud's `locationid` (1 US, 2 EU) as given by the OAuth redirect and `oauth2_token`.
    public init?(locationid: Int) {
        switch locationid {
        case 1: self = .us
        case 2: self = .eu
        default: return nil
        }
    }

    /// From an OAuth redirect's `hostname` (e.g. `eapi.pcloud.com`); nil for one that names no host.
    public init?(hostname: String) {
        switch hostname.lowercased() {
        case "api.pcloud.com": self = .us
        case "eapi.pcloud.com": self = .eu
        default:
            guard let url = Self.url("https", host: hostname) else { return nil }
            self = .custom(url)
        }
    }

    var scheme: String { baseURL.scheme ?? "https" }

    /// The base URL with another host (a front end from `getapiserver`, a `currentserver` hostname).
    /// The host comes from a server's answer, so one that makes no URL is a malformed answer.
    func with(host: String) throws -> URL {
        guard let url = Self.url(scheme, host: host) else {
            throw PCloudError.malformed(nil, "a hostname that is no host")
        }
        return url
    }

    static func url(_ scheme: String, host: String) -> URL? {
        guard let url = URL(string: "\(scheme)://\(host)"), url.host?.isEmpty == false, url.path.isEmpty else { return nil }
        return url
    }
}
