import Crypto
import Foundation
import NIOCore

/// Content-addressed files under `blobs/ab/cd/<sha1>`; uploads land in `tmp/` first.
public struct Blobs: Sendable {
    let root: URL
    let tmp: URL

    init(dataDir: URL) throws {
        root = dataDir.appendingPathComponent("blobs")
        tmp = dataDir.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    }

    func path(_ key: String) -> String {
        let k = Array(key)
        return root.appendingPathComponent(String(k[0..<2])).appendingPathComponent(String(k[2..<4]))
            .appendingPathComponent(key).path
    }

    func newIncoming(region: Region) throws -> IncomingBlob {
        try IncomingBlob(path: tmp.appendingPathComponent(UUID().uuidString).path, region: region)
    }

    /// Moves a finished upload into the store; identical content is kept once.
    func commit(_ incoming: IncomingBlob) throws -> BlobRow {
        let row = try incoming.finish()
        try adopt(incoming.path, as: row)
        return row
    }

    /// Moves a finished file whose digests are known into the store (or drops it if the same
    /// content is already there).
    func adopt(_ file: String, as row: BlobRow) throws {
        let dest = path(row.key)
        let fm = FileManager.default
        if fm.fileExists(atPath: dest) {
            try? fm.removeItem(atPath: file)
        } else {
            try fm.createDirectory(atPath: (dest as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if rename(file, dest) != 0 { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        }
    }

    func remove(_ key: String) { try? FileManager.default.removeItem(atPath: path(key)) }

    /// Computes the digests a blob lacks (the region may have changed since it was stored).
    func digests(of key: String) throws -> ContentHasher.Digests {
        try ContentHasher.digests(ofFile: path(key))
    }
}

/// SHA-1 always, plus MD5 and/or SHA-256, fed as the bytes stream past.
struct ContentHasher {
    struct Digests { let size: Int64; let sha1: String; let md5: String?; let sha256: String? }

    private var sha1 = Insecure.SHA1()
    private var md5: Insecure.MD5?
    private var sha256: SHA256?
    private(set) var size: Int64 = 0

    init(md5: Bool, sha256: Bool) {
        if md5 { self.md5 = Insecure.MD5() }
        if sha256 { self.sha256 = SHA256() }
    }

    init(region: Region) { self.init(md5: region == .us, sha256: region == .eu) }

    mutating func update(_ raw: UnsafeRawBufferPointer) {
        sha1.update(bufferPointer: raw)
        md5?.update(bufferPointer: raw)
        sha256?.update(bufferPointer: raw)
        size += Int64(raw.count)
    }

    func finalize() -> (digests: Digests, hash: Int64) {
        let digest = sha1.finalize()
        var hash: UInt64 = 0
        for b in digest.prefix(8) { hash = hash << 8 | UInt64(b) }
        return (Digests(size: size, sha1: digest.hex, md5: md5?.finalize().hex, sha256: sha256?.finalize().hex),
                Int64(bitPattern: hash))
    }

    /// The blob record of the content hashed so far.
    func blobRow() -> BlobRow {
        let (d, hash) = finalize()
        return BlobRow(key: d.sha1, size: d.size, sha1: d.sha1, md5: d.md5, sha256: d.sha256, hash: hash)
    }

    /// All three digests of a file on disk.
    static func digests(ofFile path: String) throws -> Digests {
        try hashing(file: path, into: ContentHasher(md5: true, sha256: true)).finalize().digests
    }

    /// `hasher` fed with a whole file.
    static func hashing(file path: String, into hasher: ContentHasher) throws -> ContentHasher {
        guard let fh = FileHandle(forReadingAtPath: path) else { throw APIError(5000) }
        defer { try? fh.close() }
        var hasher = hasher
        while let chunk = try fh.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { hasher.update($0) }
        }
        return hasher
    }
}

/// An upload being written to a temporary file, hashed while it streams.
public final class IncomingBlob: @unchecked Sendable {
    let path: String
    private let fd: Int32
    private var hasher: ContentHasher
    var size: Int64 { hasher.size }
    private var closed = false

    init(path: String, region: Region) throws {
        self.path = path
        hasher = ContentHasher(region: region)
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    }

    func write(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { raw in
            hasher.update(raw)
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(.init(rawValue: errno) ?? .EIO)
                }
                offset += n
            }
        }
    }

    fileprivate func finish() throws -> BlobRow {
        close()
        return hasher.blobRow()
    }

    /// Abandons the upload and removes the temporary file.
    func discard() {
        close()
        unlink(path)
    }

    private func close() {
        if !closed { Glibc.close(fd); closed = true }
    }

    deinit { if !closed { Glibc.close(fd); unlink(path) } }
}

extension Sequence where Element == UInt8 {
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for b in self { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0xF)]) }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Digest {
    var hex: String { Array(self).hex }
}

/// Which checksums the sandbox reports, as pCloud's two data centres do.
public enum Region: String, Sendable, CaseIterable {
    case us, eu
}
