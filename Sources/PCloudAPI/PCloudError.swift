import Foundation

/// Every failure the client reports: an API result code with the server's message, or a
/// transport/protocol problem, each sorted into one category the job queue and UI act on.
public struct PCloudError: Error, Sendable, CustomStringConvertible {
    public enum Category: String, Sendable {
        case auth, notFound, exists, permission, quota, rateLimited, transient, badRequest, `internal`
    }

    public enum Kind: Sendable, Equatable {
        /// The server answered `result` ≠ 0.
        case api
        /// A non-JSON answer with an unexpected HTTP status (e.g. 410 on an expired content link).
        case http(status: Int)
        /// Connection, TLS or timeout trouble below HTTP.
        case transport
        /// The answer could not be decoded.
        case decoding
        /// A trash/token method needs a session token from a password sign-in (REAL-SERVICE §1).
        case passwordSignInRequired
        /// A two-factor account signed in without a code (no callback, or it gave none).
        case twoFactorRequired
        /// Content arrived but its size or checksum differs from what the server reports.
        case integrity
        /// Local file trouble (open, read, write, rename).
        case local
    }

    public let kind: Kind
    /// pCloud's `result` code; 0 when the failure is not an API error.
    public let code: Int
    public let message: String
    public let category: Category
    public let method: String?
    public let underlying: (any Error)?
    /// What kind of network trouble a `.transport` failure was, when it can be told.
    public var network: NetworkTrouble?
    /// The server it happened with (`127.0.0.1:8781`, `api.pcloud.com`).
    public var host: String?

    public init(kind: Kind, code: Int = 0, message: String, category: Category, method: String? = nil,
                underlying: (any Error)? = nil) {
        self.kind = kind; self.code = code; self.message = message
        self.category = category; self.method = method; self.underlying = underlying
    }

    public static func api(_ code: Int, _ message: String, method: String?) -> PCloudError {
        PCloudError(kind: .api, code: code, message: message, category: Category(code: code), method: method)
    }

    /// A failure below HTTP talking to `url`: one plain sentence naming the host when the
    /// trouble is known (refused, untrusted certificate, …), else the error's own words.
    /// `midTransfer`: a transfer's bytes were moving, so a connection closed is one lost.
    public static func transport(_ error: any Error, method: String?, url: String? = nil,
                                 midTransfer: Bool = false) -> PCloudError {
        if let e = error as? PCloudError { return e }  // already said (a CA file that is not PEM)
        var trouble = NetworkTrouble(error)
        if midTransfer, trouble == .closed { trouble = .lost }
        let host = url.flatMap(NetworkTrouble.host(of:))
        let message = trouble.map { $0.sentence(host: host ?? "the server") } ?? String(describing: error)
        var e = PCloudError(kind: .transport, message: message, category: trouble?.isTransient == false ? .badRequest : .transient,
                            method: method, underlying: error)
        e.network = trouble
        e.host = host
        return e
    }

    public static func http(_ status: Int, method: String?) -> PCloudError {
        let category: Category = switch status {
        case 401: .auth
        case 403: .permission
        case 404, 410: .notFound
        case 429, 509: .rateLimited
        case 500...599: .transient
        default: .badRequest
        }
        return PCloudError(kind: .http(status: status), code: 0, message: "HTTP \(status)", category: category, method: method)
    }

    public static func passwordSignInRequired(method: String) -> PCloudError {
        PCloudError(kind: .passwordSignInRequired, message:
            "\(method) needs a sign-in with your password: pCloud refuses it to OAuth tokens",
            category: .auth, method: method)
    }

    /// The sandbox (and an old server) answers methods it lacks with `{"result":404}` on HTTP 404.
    public var isUnknownMethod: Bool { code == 404 }

    public var description: String {
        let at = method.map { " (\($0))" } ?? ""
        return code != 0 ? "pCloud error \(code): \(message)\(at)" : "\(message)\(at)"
    }
}

extension PCloudError.Category {
    /// The class of a pCloud result code (errors.md §1–2).
    public init(code: Int) {
        switch code {
        case 1000, 2000, 2012, 2064, 2074, 2092, 2205, 2229, 2237, 2297, 2306, 2321, 2330, 7009:
            self = .auth
        case 1900, 1901, 1902, 2041, 5000...5999:
            self = .transient
        case 2002, 2005, 2009, 2010, 2021, 2025, 2027, 2029, 2040, 2055, 2065, 2067, 2102, 2208, 7001...7004:
            self = .notFound
        case 2004, 2019, 2024, 2038, 2073:
            self = .exists
        case 2003, 2007, 2014, 2015, 2016, 2017, 2020, 2022, 2023, 2026, 2028, 2039, 2042, 2043, 2075, 2119,
             2282...2287, 2343...2346, 7010:
            self = .permission
        case 2008, 2097, 7005...7008:
            self = .quota
        case 4000...4999:
            self = .rateLimited
        case 1001...1899, 2001, 2006, 2011, 2013, 2030...2037, 2044, 2059, 2061, 2066, 2068, 2206, 2207,
             3000...3999, 404:
            self = .badRequest
        default:
            self = .internal
        }
    }
}
