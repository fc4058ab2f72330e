import Crypto
import Foundation
import PCloudAPI
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
        guard let h = reading(path) else { throw missing(path) }
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
    /// caller removes. Each buffer asks the task's pacer first, as a transfer's does, so a paused
    /// job or a bandwidth limit holds inside a big file too (the wait suspends; no thread blocks).
    static func copyAtomically(_ from: String, to: String, replace: Bool,
                               progress: (@Sendable (Int64) -> Void)?) async throws {
        let temp = partialPath(for: to)
        guard let input = reading(from) else { throw missing(from) }
        defer { try? input.close() }
        var st = Glibc.stat()
        guard fstat(input.fileDescriptor, &st) == 0 else { throw posix("stat \(from)") }
        let fd = open(RawName.c(temp), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, st.st_mode & 0o777)
        guard fd >= 0 else { throw posix("create \(temp)") }
        do {
            let output = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            defer { try? output.close() }
            var done: Int64 = 0
            while true {
                try Task.checkCancellation()
                guard let data = try input.read(upToCount: chunk), !data.isEmpty else { break }
                try await TransferPacing.current?.pace(data.count)
                try output.write(contentsOf: data)
                done += Int64(data.count)
                progress?(done)
            }
            try output.synchronize()
            // The source's modified time, to the nanosecond; access time now.
            var now = timespec()
            clock_gettime(CLOCK_REALTIME, &now)
            futimens(fd, [now, st.st_mtim])
            try place(temp, at: to, replace: replace)
        } catch {
            unlink(RawName.c(temp))
            throw error
        }
    }

    /// rename(2) replaces atomically; without `replace` an existing target is refused.
    static func place(_ from: String, at to: String, replace: Bool) throws {
        if !replace, exists(to) {
            throw CommanderError(.exists, "\(to) exists")
        }
        guard rename(RawName.c(from), RawName.c(to)) == 0 else { throw posix("rename \(from) to \(to)") }
    }

    /// rename(2), or on another file system a copy and then the source's removal.
    static func move(_ from: String, to: String) async throws {
        guard rename(RawName.c(from), RawName.c(to)) != 0 else { return }
        guard errno == EXDEV else { throw posix("move \(from) to \(to)") }
        try await copyTree(from, to: to, progress: nil)
        try remove(from)
    }

    /// A file, link or folder with all it holds, names byte for byte (Foundation's copyItem
    /// would decode them).
    static func copyTree(_ from: String, to: String, progress: (@Sendable (Int64) -> Void)?) async throws {
        var st = Glibc.stat()
        guard lstat(RawName.c(from), &st) == 0 else { throw posix("stat \(from)") }
        switch st.st_mode & S_IFMT {
        case S_IFDIR:
            guard Glibc.mkdir(RawName.c(to), st.st_mode & 0o7777) == 0 else { throw posix("create folder \(to)") }
            for e in try LocalDrive.names(in: from) {
                try Task.checkCancellation()
                try await copyTree(Names.join(from, e.name), to: Names.join(to, e.name), progress: progress)
            }
        case S_IFLNK: try copyLink(from, to: to)
        default: try await copyAtomically(from, to: to, replace: false, progress: progress)
        }
    }

    /// Anything at `path`, a dangling link too.
    static func exists(_ path: String) -> Bool {
        var st = Glibc.stat()
        return lstat(RawName.c(path), &st) == 0
    }

    /// An open file to read, or nil.
    static func reading(_ path: String) -> FileHandle? {
        let fd = open(RawName.c(path), O_RDONLY | O_CLOEXEC)
        return fd < 0 ? nil : FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// A symbolic link made anew at `to`, pointing where the one at `from` points (bytes as they are).
    static func copyLink(_ from: String, to: String) throws {
        var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(RawName.c(from), &target, target.count - 1)
        guard n >= 0 else { throw posix("read the link \(from)") }
        target[n] = 0
        guard symlink(target, RawName.c(to)) == 0 else { throw posix("create the link \(to)") }
    }

    /// Deletes `path` for good, a folder with everything in it (names byte for byte).
    static func remove(_ path: String) throws {
        var st = Glibc.stat()
        guard lstat(RawName.c(path), &st) == 0 else { throw posix("delete \(path)") }
        if st.st_mode & S_IFMT == S_IFDIR {
            for e in try LocalDrive.names(in: path) { try remove(Names.join(path, e.name)) }
            guard rmdir(RawName.c(path)) == 0 else { throw posix("delete \(path)") }
        } else {
            guard unlink(RawName.c(path)) == 0 else { throw posix("delete \(path)") }
        }
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
