import Foundation
import HomeFolders
#if canImport(Glibc)
import Glibc
#endif

/// The freedesktop.org trash (`$XDG_DATA_HOME/Trash`): the item goes to `files/NAME`, and
/// `info/NAME.trashinfo` records where it came from, so any desktop's trash can restore it.
struct LocalTrash: Sendable {
    let directory: URL

    static var home: URL { HomeFolders().data.appendingPathComponent("Trash") }

    var files: URL { directory.appendingPathComponent("files") }
    var info: URL { directory.appendingPathComponent("info") }

    /// Moves `path` into the trash; returns its name there.
    @discardableResult
    func trash(_ path: String) throws -> String {
        let fm = FileManager.default
        try fm.createDirectory(at: files, withIntermediateDirectories: true)
        try fm.createDirectory(at: info, withIntermediateDirectories: true)
        let base = Names.last(path)
        var n = 1
        while true {
            let name = n == 1 ? base : "\(base).\(n)"
            let infoPath = info.appendingPathComponent(name + ".trashinfo").path
            // The info file is created exclusively first: it reserves the name (the spec's rule).
            let fd = open(infoPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 {
                let text = Array(Self.info(for: path).utf8)
                let written = text.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                close(fd)
                guard written == text.count else {
                    try? fm.removeItem(atPath: infoPath)
                    throw LocalFiles.posix("write \(infoPath)")
                }
                do {
                    try fm.moveItem(atPath: path, toPath: files.appendingPathComponent(name).path)
                } catch {
                    try? fm.removeItem(atPath: infoPath)
                    throw CommanderError(.local, "cannot move \(path) to the trash: \(error.localizedDescription)")
                }
                return name
            }
            guard errno == EEXIST else { throw LocalFiles.posix("create \(infoPath)") }
            n += 1
        }
    }

    static func info(for path: String) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
        return "[Trash Info]\nPath=\(encoded)\nDeletionDate=\(f.string(from: Date()))\n"
    }

    /// Items in the trash with their original paths.
    func list() throws -> [Entry] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: files.path) else { return [] }
        return names.sorted().compactMap { name in
            let url = files.appendingPathComponent(name)
            guard var e = try? LocalDrive.entry(at: url.path) else { return nil }
            e.trashName = name
            e.originalPath = originalPath(of: name)
            return e
        }
    }

    func originalPath(of name: String) -> String? {
        guard let text = try? String(contentsOf: info.appendingPathComponent(name + ".trashinfo"), encoding: .utf8) else {
            return nil
        }
        for line in text.split(separator: "\n") where line.hasPrefix("Path=") {
            return String(line.dropFirst(5)).removingPercentEncoding
        }
        return nil
    }

    /// Puts a trashed item back at `path` (its original place unless told otherwise).
    func restore(_ name: String, to path: String) throws {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: path) else { throw CommanderError(.exists, "\(path) exists") }
        try fm.createDirectory(atPath: Names.parent(path), withIntermediateDirectories: true)
        try fm.moveItem(atPath: files.appendingPathComponent(name).path, toPath: path)
        try? fm.removeItem(at: info.appendingPathComponent(name + ".trashinfo"))
    }

    /// Removes one trashed item and its info file for good.
    func purge(_ name: String) throws {
        let fm = FileManager.default
        guard !name.contains("/"), fm.fileExists(atPath: files.appendingPathComponent(name).path) else {
            throw CommanderError(.notFound, "\(name) is not in the trash")
        }
        try fm.removeItem(at: files.appendingPathComponent(name))
        try? fm.removeItem(at: info.appendingPathComponent(name + ".trashinfo"))
    }

    func clear() throws {
        let fm = FileManager.default
        for dir in [files, info] {
            for name in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? [] {
                try fm.removeItem(at: dir.appendingPathComponent(name))
            }
        }
    }
}
