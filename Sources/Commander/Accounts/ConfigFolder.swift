import Foundation
import HomeFolders

/// Where pcmd keeps its settings: `$XDG_CONFIG_HOME/pcmd`, else `~/.config/pcmd`. The folder is
/// created private (0700) because the tokens file lives in it.
public struct ConfigFolder: Sendable, Hashable {
    public let url: URL

    public init(url: URL) { self.url = url }

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        url = HomeFolders(environment: environment).config.appendingPathComponent("pcmd")
    }

    public var configFile: URL { url.appendingPathComponent("config.toml") }
    public var tokensFile: URL { url.appendingPathComponent("tokens.toml") }

    /// Creates the folder 0700, or narrows an existing one to 0700 (it is pcmd's own folder).
    func ensurePrivate() throws {
        let fm = FileManager.default
        do {
            if !fm.fileExists(atPath: url.path) {
                try fm.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            if try Permissions.mode(of: url) & 0o077 != 0 {
                try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
            }
        } catch {
            throw CommanderError(.local, "cannot prepare the config folder \(url.path): \(error.localizedDescription)")
        }
    }
}

enum Permissions {
    /// The permission bits of a file or folder.
    static func mode(of url: URL) throws -> Int {
        let attrs = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attrs[.posixPermissions] as? NSNumber)?.intValue ?? 0
    }

    /// Replaces `url` with `data` through a temporary file that is private from its first byte,
    /// so the secret is never readable by others, not even for a moment.
    static func writePrivately(_ data: Data, to url: URL) throws {
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString)")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw CommanderError(.local, "cannot create \(temp.path): \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            fchmod(fd, 0o600)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            guard rename(temp.path, url.path) == 0 else {
                throw CommanderError(.local, "cannot write \(url.path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
    }
}
