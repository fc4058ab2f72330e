import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Streaming file helpers: memory stays at one buffer whatever the file size.
enum LocalFiles {
    static let chunk = 1 << 20

    static func sha1(_ path: String) throws -> String { try digest(path, .sha1) }

    /// The file's digest in lowercase hex; `progress` gets the bytes hashed so far.
    static func digest(_ path: String, _ algorithm: DigestAlgorithm, progress: ((Int64) -> Void)? = nil) throws -> String {
        switch algorithm {
        case .sha1: try hash(path, Insecure.SHA1(), progress)
        case .sha256: try hash(path, SHA256(), progress)
        case .md5: try hash(path, Insecure.MD5(), progress)
        }
    }

    private static func hash<H: HashFunction>(_ path: String, _ start: H, _ progress: ((Int64) -> Void)?) throws -> String {
        guard let h = FileHandle(forReadingAtPath: path) else { throw missing(path) }
        defer { try? h.close() }
        var hasher = start
        var done: Int64 = 0
        while true {
            try Task.checkCancellation()
            guard let data = try h.read(upToCount: chunk), !data.isEmpty else { break }
            hasher.update(data: data)
            done += Int64(data.count)
            progress?(done)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Copies into a hidden temporary beside `to`, syncs, then renames into place: a reader
    /// never sees a half-written file, and a cancelled copy leaves only the temporary, which the
    /// caller removes.
    static func copyAtomically(_ from: String, to: String, replace: Bool,
                               progress: (@Sendable (Int64) -> Void)?) throws {
        let temp = partialPath(for: to)
        guard let input = FileHandle(forReadingAtPath: from) else { throw missing(from) }
        defer { try? input.close() }
        _ = FileManager.default.createFile(atPath: temp, contents: nil)
        do {
            guard let output = FileHandle(forWritingAtPath: temp) else {
                throw CommanderError(.local, "cannot create \(temp)")
            }
            defer { try? output.close() }
            var done: Int64 = 0
            while true {
                try Task.checkCancellation()
                guard let data = try input.read(upToCount: chunk), !data.isEmpty else { break }
                try output.write(contentsOf: data)
                done += Int64(data.count)
                progress?(done)
            }
            try output.synchronize()
            if let attrs = try? FileManager.default.attributesOfItem(atPath: from), let m = attrs[.modificationDate] {
                try? FileManager.default.setAttributes([.modificationDate: m], ofItemAtPath: temp)
            }
            try place(temp, at: to, replace: replace)
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            throw error
        }
    }

    /// rename(2) replaces atomically; without `replace` an existing target is refused.
    static func place(_ from: String, at to: String, replace: Bool) throws {
        if !replace, FileManager.default.fileExists(atPath: to) {
            throw CommanderError(.exists, "\(to) exists")
        }
        guard rename(from, to) == 0 else { throw posix("rename \(from) to \(to)") }
    }

    static func partialPath(for target: String) -> String {
        Names.join(Names.parent(target), ".\(Names.last(target)).pcmd-part")
    }

    static func missing(_ path: String) -> CommanderError { CommanderError(.notFound, "\(path) does not exist") }

    static func posix(_ what: String) -> CommanderError {
        CommanderError(errno == ENOENT ? .notFound : (errno == EEXIST ? .exists : .local),
                       "cannot \(what): \(String(cString: strerror(errno)))")
    }
}
