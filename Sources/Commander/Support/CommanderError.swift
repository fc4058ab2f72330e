import Foundation
import PCloudAPI

/// Every failure Commander reports. A cloud failure keeps pCloud's `result` code and category so
/// the TUI and CLI can show and act on it without importing PCloudAPI.
public struct CommanderError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// pCloud answered with an error (see `code`).
        case cloud
        /// The item does not exist.
        case notFound
        /// The target exists and the conflict resolution did not allow replacing it.
        case exists
        /// This action does not apply to this pairing of drives.
        case unsupported
        /// After a copy the two sides' checksums differ; the source is kept.
        case verifyFailed
        /// An archive entry would land outside the target (`../`, absolute path, escaping link).
        case unsafeArchive
        /// The trash needs a session token from a password sign-in (REAL-SERVICE §1).
        case passwordSignInRequired
        /// The server could not be reached or trusted (refused, no such host, a certificate
        /// not trusted, …); `message` says which, naming the host, and `hint` what to do.
        case network
        /// Local file-system trouble.
        case local
        /// What the user typed cannot be used (a pattern, a size, a date).
        case invalidInput
        case cancelled
    }

    /// pCloud's error classes, mirrored so callers need not import PCloudAPI.
    public enum Category: String, Sendable {
        case auth, notFound, exists, permission, quota, rateLimited, transient, badRequest, `internal`
    }

    public var kind: Kind
    public var message: String
    /// pCloud's `result` code; 0 when the failure did not come from pCloud.
    public var code: Int
    public var category: Category
    public var method: String?
    /// What to do about it, when the error itself knows (network trouble); the TUI and the CLI
    /// add their own hints by code otherwise.
    public var hint: String?
    /// The connection was lost once a transfer's bytes were moving: a retry or resume continues
    /// it (each interface says how in its own words).
    public var connectionLost = false

    public init(_ kind: Kind, _ message: String, code: Int = 0, category: Category? = nil, method: String? = nil,
                hint: String? = nil) {
        self.kind = kind; self.message = message; self.code = code; self.method = method; self.hint = hint
        self.category = category ?? Self.defaultCategory(kind)
    }

    static func defaultCategory(_ kind: Kind) -> Category {
        switch kind {
        case .notFound: .notFound
        case .exists: .exists
        case .passwordSignInRequired: .auth
        case .verifyFailed: .transient
        case .unsafeArchive, .unsupported, .invalidInput: .badRequest
        default: .internal
        }
    }

    /// Whether `hint` tells to try again where the message already does (pCloud's 5000 says
    /// "Try again later."): each interface then leaves its hint out, as said once is enough.
    public func alreadySays(_ hint: String) -> Bool {
        hint.localizedCaseInsensitiveContains("try again") && message.localizedCaseInsensitiveContains("try again")
    }

    /// Worth repeating automatically (the JobQueue's retry policy).
    public var isTransient: Bool { category == .transient || category == .rateLimited }

    /// pCloud (or the sandbox before it learns the method) does not know the method.
    public var isUnknownMethod: Bool { code == 404 }

    public var description: String {
        let at = method.map { " (\($0))" } ?? ""
        return code != 0 ? "pCloud error \(code): \(message)\(at)" : "\(message)\(at)"
    }

    /// Wraps any error thrown below Commander.
    public static func from(_ error: any Error) -> CommanderError {
        switch error {
        case let e as CommanderError: return e
        case is CancellationError: return CommanderError(.cancelled, "cancelled")
        case let e as PCloudError: return CommanderError(pcloud: e)
        default:
            let e = error as NSError
            guard e.domain == NSCocoaErrorDomain || e.domain == NSPOSIXErrorDomain else {
                return CommanderError(.local, String(describing: error))
            }
            return CommanderError(.local, fileProblem(e))
        }
    }

    /// A Foundation file error in one line, its path and the system's reason: described as is,
    /// it is NSError's dump of domain, code and userInfo.
    static func fileProblem(_ e: NSError) -> String {
        let posix = e.domain == NSPOSIXErrorDomain ? e : (e.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? $0 : nil }
        let reason = posix.map { String(cString: strerror(Int32($0.code))) } ?? e.localizedDescription
        let path = e.userInfo[NSFilePathErrorKey] as? String ?? (e.userInfo[NSURLErrorKey] as? URL)?.path
        return path.map { "\($0): \(reason)" } ?? reason
    }

    init(pcloud e: PCloudError) {
        let kind: Kind = switch e.kind {
        case .passwordSignInRequired: .passwordSignInRequired
        case .integrity: .verifyFailed
        case .local: .local
        default: e.network != nil ? .network
            : e.category == .notFound ? .notFound : (e.category == .exists ? .exists : .cloud)
        }
        self.init(kind, e.message, code: e.code, category: Category(rawValue: e.category.rawValue), method: e.method,
                  hint: e.network.map { NetworkHint.hint($0, host: e.host) })
        connectionLost = e.network == .lost
    }
}

/// Runs a PCloudAPI call, turning its errors into CommanderError.
func cloud<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch { throw CommanderError.from(error) }
}
