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

    /// From an OAuth redirect's `hostname` (e.g. `eapi.pcloud.com`).
    public init(hostname: String) {
        switch hostname.lowercased() {
        case "api.pcloud.com": self = .us
        case "eapi.pcloud.com": self = .eu
        default: self = .custom(URL(string: "https://\(hostname)")!)
        }
    }

    var scheme: String { baseURL.scheme ?? "https" }

    /// The base URL with another host (a front end from `getapiserver`, a `currentserver` hostname).
    func with(host: String) -> URL {
        URL(string: "\(scheme)://\(host)")!
    }
}
