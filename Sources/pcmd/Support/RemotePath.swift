import Foundation
import ArgumentParser
import Commander

/// A path in the pCloud account, written `pc:/path` on the command line so `put`, `get`, `cp`
/// and `mv` can tell the two sides apart; `pc:` alone is the root.
struct RemotePath: Hashable, CustomStringConvertible, ExpressibleByArgument {
    /// The prefix that marks a remote path: `remote_prefix` in config.toml, else `pc:`. Read
    /// once (arguments are parsed before any command runs).
    static let prefix: String = {
        guard let p = try? Accounts.open().config.remotePrefix, !p.isEmpty else { return Config.defaultRemotePrefix }
        return p
    }()

    /// Absolute, without a trailing slash ("/" for the root).
    let path: String

    init(absolute path: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        self.path = "/" + parts.joined(separator: "/")
    }

    /// `pc:/a/b`, `pc:a/b` and `pc:` — or nil for anything without the prefix.
    init?(prefixed argument: String) {
        guard argument.hasPrefix(Self.prefix) else { return nil }
        self.init(absolute: String(argument.dropFirst(Self.prefix.count)))
    }

    /// For commands that only touch the cloud, the prefix is optional: `/a/b` means `pc:/a/b`.
    init?(argument: String) {
        self = Self(prefixed: argument) ?? Self(absolute: argument)
    }

    var isRoot: Bool { path == "/" }
    var name: String { isRoot ? "" : String(path.split(separator: "/").last!) }
    var parent: RemotePath { RemotePath(absolute: String(path.dropLast(name.count))) }
    func appending(_ name: String) -> RemotePath { RemotePath(absolute: path + "/" + name) }

    var description: String { Self.prefix + path }
}

/// One side of a transfer: the local disk or the account.
enum Side: Hashable, CustomStringConvertible {
    case local(String)
    case remote(RemotePath)

    /// A `pc:` argument is remote; anything else is a local path, made absolute.
    init(_ argument: String) {
        if let remote = RemotePath(prefixed: argument) {
            self = .remote(remote)
        } else {
            let url = URL(fileURLWithPath: argument, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            var path = url.standardizedFileURL.path
            while path.count > 1, path.hasSuffix("/") { path.removeLast() }
            self = .local(path)
        }
    }

    var isRemote: Bool { if case .remote = self { true } else { false } }

    /// The folder holding this path (nil for a root).
    var parent: Side? {
        switch self {
        case .local(let p): p == "/" ? nil : .local(URL(fileURLWithPath: p).deletingLastPathComponent().path)
        case .remote(let r): r.isRoot ? nil : .remote(r.parent)
        }
    }

    var name: String {
        switch self {
        case .local(let p): URL(fileURLWithPath: p).lastPathComponent
        case .remote(let r): r.name
        }
    }

    var description: String {
        switch self {
        case .local(let p): p
        case .remote(let r): r.description
        }
    }
}
