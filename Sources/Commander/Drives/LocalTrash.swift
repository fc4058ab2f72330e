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
    func trash(_ path: String) async throws -> String {
        let fm = FileManager.default
        try fm.createDirectory(at: files, withIntermediateDirectories: true)
        try fm.createDirectory(at: info, withIntermediateDirectories: true)
        let base = Names.last(path)
        var n = 1
        while true {
            let name = n == 1 ? base : "\(base).\(n)"
            let infoPath = info.appendingPathComponent(name + ".trashinfo").path
            // The info file is created exclusively first: it reserves the name (the spec's rule).
            let fd = open(RawName.c(infoPath), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 {
                let text = Array(Self.info(for: path).utf8)
                let written = text.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                close(fd)
                guard written == text.count else {
                    unlink(RawName.c(infoPath))
                    throw LocalFiles.posix("write \(infoPath)")
                }
                do {
                    try await LocalFiles.move(path, to: files.appendingPathComponent(name).path)
                } catch {
                    unlink(RawName.c(infoPath))
                    throw CommanderError(.local, "cannot move \(path) to the trash: \(CommanderError.from(error).message)")
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
        // The spec's Path is the path's bytes percent-encoded (a name need not be UTF-8).
        let encoded = RawName.bytes(path).map { b in
            b < 0x80 && (b == 0x2F || Character(Unicode.Scalar(b)).isLetter || Character(Unicode.Scalar(b)).isNumber
                || "-._~".utf8.contains(b)) ? String(Unicode.Scalar(b)) : "%" + TerminalText.hex(UInt32(b), 2).uppercased()
        }.joined()
        return "[Trash Info]\nPath=\(encoded)\nDeletionDate=\(f.string(from: Date()))\n"
    }

    /// Items in the trash with their original paths.
    func list() throws -> [Entry] {
        guard let names = try? LocalDrive.names(in: files.path).map(\.name) else { return [] }
        return names.sorted().compactMap { name in
            let url = files.appendingPathComponent(name)
            guard var e = try? LocalDrive.entry(at: url.path) else { return nil }
            e.trashName = name
            e.originalPath = originalPath(of: name)
            return e
        }
    }

    func originalPath(of name: String) -> String? {
        guard let h = LocalFiles.reading(info.appendingPathComponent(name + ".trashinfo").path),
              let data = try? h.readToEnd() else { return nil }
        try? h.close()
        for line in data.split(separator: 0x0A) where line.starts(with: Array("Path=".utf8)) {
            return Self.percentDecoded(Array(line.dropFirst(5)))
        }
        return nil
    }

    /// `%xx` back to the byte, the bytes back to a name (`RawName`).
    static func percentDecoded(_ text: [UInt8]) -> String? {
        var out: [UInt8] = [], i = 0
        while i < text.count {
            if text[i] == 0x25, i + 2 < text.count, let b = UInt8(String(decoding: text[i + 1...i + 2], as: UTF8.self), radix: 16) {
                out.append(b); i += 3
            } else {
                out.append(text[i]); i += 1
            }
        }
        return RawName.decode(out)
    }

    /// Puts a trashed item back at `path` (its original place unless told otherwise).
    func restore(_ name: String, to path: String) async throws {
        guard !LocalFiles.exists(path) else { throw CommanderError(.exists, "\(path) exists") }
        if !LocalFiles.exists(Names.parent(path)) {
            try FileManager.default.createDirectory(atPath: Names.parent(path), withIntermediateDirectories: true)
        }
        try await LocalFiles.move(files.appendingPathComponent(name).path, to: path)
        unlink(RawName.c(info.appendingPathComponent(name + ".trashinfo").path))
    }

    /// Removes one trashed item and its info file for good.
    func purge(_ name: String) throws {
        guard !name.contains("/"), LocalFiles.exists(files.appendingPathComponent(name).path) else {
            throw CommanderError(.notFound, "\(name) is not in the trash")
        }
        try LocalFiles.remove(files.appendingPathComponent(name).path)
        unlink(RawName.c(info.appendingPathComponent(name + ".trashinfo").path))
    }

    func clear() throws {
        for dir in [files, info] {
            for e in (try? LocalDrive.names(in: dir.path)) ?? [] { try LocalFiles.remove(Names.join(dir.path, e.name)) }
        }
    }
}
