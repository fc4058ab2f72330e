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
        let dest = path(row.key)
        let fm = FileManager.default
        if fm.fileExists(atPath: dest) {
            try? fm.removeItem(atPath: incoming.path)
        } else {
            try fm.createDirectory(atPath: (dest as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if rename(incoming.path, dest) != 0 { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        }
        return row
    }

    func remove(_ key: String) { try? FileManager.default.removeItem(atPath: path(key)) }

    /// Computes the digests a blob lacks (the region may have changed since it was stored).
    func digests(of key: String) throws -> (md5: String, sha256: String) {
        guard let fh = FileHandle(forReadingAtPath: path(key)) else { throw APIError(5000) }
        defer { try? fh.close() }
        var md5 = Insecure.MD5()
        var sha256 = SHA256()
        while let chunk = try fh.read(upToCount: 1 << 20), !chunk.isEmpty {
            md5.update(data: chunk)
            sha256.update(data: chunk)
        }
        return (md5.finalize().hex, sha256.finalize().hex)
    }
}

/// An upload being written to a temporary file, hashed while it streams.
public final class IncomingBlob: @unchecked Sendable {
    let path: String
    private let fd: Int32
    private var sha1 = Insecure.SHA1()
    private var md5: Insecure.MD5?
    private var sha256: SHA256?
    private(set) var size: Int64 = 0
    private var closed = false

    init(path: String, region: Region) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        switch region {
        case .us: md5 = Insecure.MD5()
        case .eu: sha256 = SHA256()
        }
    }

    func write(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { raw in
            sha1.update(bufferPointer: raw)
            md5?.update(bufferPointer: raw)
            sha256?.update(bufferPointer: raw)
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
        size += Int64(buffer.readableBytes)
    }

    fileprivate func finish() throws -> BlobRow {
        close()
        let digest = sha1.finalize()
        let sha1Hex = digest.hex
        var hash: UInt64 = 0
        for b in digest.prefix(8) { hash = hash << 8 | UInt64(b) }
        return BlobRow(key: sha1Hex, size: size, sha1: sha1Hex, md5: md5?.finalize().hex,
                       sha256: sha256?.finalize().hex, hash: Int64(bitPattern: hash))
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
