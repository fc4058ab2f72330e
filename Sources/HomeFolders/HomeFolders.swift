import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The user's home and the XDG base folders, resolved once from the environment: `$HOME` first
/// (the passwd entry only when it is unset, so a test or a sandboxed run that sets `HOME` keeps
/// every file under it), then `XDG_CONFIG_HOME`, `XDG_DATA_HOME`, `XDG_STATE_HOME` and
/// `XDG_CACHE_HOME`, each ignored when empty or relative as the XDG spec says. Every part of pcmd
/// that keeps a file asks this type, never Foundation's home lookups (which read passwd).
public struct HomeFolders: Sendable, Hashable {
    public let home: URL
    /// `$XDG_CONFIG_HOME`, else `~/.config`: settings, tokens, the user's themes.
    public let config: URL
    /// `$XDG_DATA_HOME`, else `~/.local/share`: bookmarks, the demo sandbox, the trash.
    public let data: URL
    /// `$XDG_STATE_HOME`, else `~/.local/state`.
    public let state: URL
    /// `$XDG_CACHE_HOME`, else `~/.cache`.
    public let cache: URL

    public init(environment env: [String: String] = ProcessInfo.processInfo.environment) {
        let home = URL(fileURLWithPath: env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.passwdHome(), isDirectory: true)
        func base(_ variable: String, _ fallback: String) -> URL {
            if let v = env[variable], v.hasPrefix("/") { return URL(fileURLWithPath: v, isDirectory: true) }
            return home.appendingPathComponent(fallback, isDirectory: true)
        }
        self.home = home
        config = base("XDG_CONFIG_HOME", ".config")
        data = base("XDG_DATA_HOME", ".local/share")
        state = base("XDG_STATE_HOME", ".local/state")
        cache = base("XDG_CACHE_HOME", ".cache")
    }

    /// `~` and `~/…` with the home folder put in; any other text (`~bob`, `a/~`) as it is.
    public func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        return home.path + path.dropFirst()
    }

    /// The passwd entry's home of the real user, "/" when there is none (a container's uid).
    static func passwdHome() -> String {
        var entry = passwd(), result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(getuid(), &entry, &buffer, buffer.count, &result) == 0, result != nil, let dir = entry.pw_dir else { return "/" }
        let path = String(cString: dir)
        return path.isEmpty ? "/" : path
    }
}
