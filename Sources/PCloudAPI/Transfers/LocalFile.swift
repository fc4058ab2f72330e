import Foundation
import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file descriptor that closes itself; reads and writes in large blocks.
final class LocalFile: @unchecked Sendable {
    let fd: Int32
    let path: String

    init(reading path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw LocalFile.error("open", path) }
    }

    init(writing path: String, truncate: Bool) throws {
        self.path = path
        // Read-write: a download hashes what it wrote before renaming it into place.
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : 0), 0o644)
        guard fd >= 0 else { throw LocalFile.error("create", path) }
    }

    deinit { close(fd) }

    /// The size of the file at `path`, without keeping it open.
    static func size(of path: String) throws -> Int64 {
        var st = stat()
        guard stat(path, &st) == 0 else { throw error("stat", path) }
        return Int64(st.st_size)
    }

    var size: Int64 {
        var st = stat()
        return fstat(fd, &st) == 0 ? Int64(st.st_size) : 0
    }

    /// Up to `count` bytes at `offset`; empty at the end.
    func read(at offset: Int64, count: Int) throws -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: count)
        var failed = false
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { ptr in
            let n = pread(fd, ptr.baseAddress, count, off_t(offset))
            failed = n < 0
            return Swift.max(n, 0)
        }
        if failed { throw LocalFile.error("read", path) }
        return buffer
    }

    func write(_ buffer: ByteBuffer, at offset: Int64) throws {
        var done = 0
        try buffer.withUnsafeReadableBytes { ptr in
            while done < ptr.count {
                let n = pwrite(fd, ptr.baseAddress! + done, ptr.count - done, off_t(offset) + off_t(done))
                guard n > 0 else { throw LocalFile.error("write", path) }
                done += n
            }
        }
    }

    func truncate(to size: Int64) throws {
        guard ftruncate(fd, off_t(size)) == 0 else { throw LocalFile.error("truncate", path) }
    }

    func sync() throws {
        guard fsync(fd) == 0 else { throw LocalFile.error("fsync", path) }
    }

    static func error(_ op: String, _ path: String) -> PCloudError {
        PCloudError(kind: .local, message: "cannot \(op) \(path): \(String(cString: strerror(errno)))",
                    category: .internal)
    }

    static func rename(_ from: String, _ to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw error("rename to \(to)", from) }
    }

    /// fsync the folder so a rename survives a crash.
    static func syncDirectory(of path: String) {
        let dir = (path as NSString).deletingLastPathComponent
        let fd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}

/// Reads `file` from `offset` in `chunk`-sized buffers for a streamed request body, feeding the
/// hashers and the progress callback as bytes leave; memory stays at one chunk in flight.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let file: LocalFile
    let offset: Int64
    let length: Int64
    let chunk: Int
    let hasher: ContentHasher?
    let progress: (@Sendable (Int64) -> Void)?

    struct AsyncIterator: AsyncIteratorProtocol {
        let source: FileChunks
        var position: Int64

        mutating func next() async throws -> ByteBuffer? {
            let end = source.offset + source.length
            guard position < end else { return nil }
            try Task.checkCancellation()
            let count = Int(Swift.min(Int64(source.chunk), end - position))
            let buffer = try source.file.read(at: position, count: count)
            guard buffer.readableBytes > 0 else {
                throw PCloudError(kind: .local, message: "\(source.file.path) shrank while uploading", category: .internal)
            }
            source.hasher?.update(buffer, at: position)
            position += Int64(buffer.readableBytes)
            source.progress?(position - source.offset)
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(source: self, position: offset) }
}
