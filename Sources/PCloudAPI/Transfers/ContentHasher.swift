import Crypto
import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// SHA-1 plus the region's second digest (MD5 in the US, SHA-256 in the EU), fed while bytes
/// stream so verifying costs no second pass.
final class ContentHasher: Sendable {
    private struct State {
        var sha1 = Insecure.SHA1()
        var md5 = Insecure.MD5()
        var sha256 = SHA256()
    }
    private let state = NIOLockedValueBox(State())
    let md5: Bool, sha256: Bool

    init(md5: Bool = false, sha256: Bool = false) { self.md5 = md5; self.sha256 = sha256 }

    func update(_ buffer: ByteBuffer) {
        buffer.withUnsafeReadableBytes { ptr in
            state.withLockedValue { s in
                s.sha1.update(bufferPointer: ptr)
                if md5 { s.md5.update(bufferPointer: ptr) }
                if sha256 { s.sha256.update(bufferPointer: ptr) }
            }
        }
    }

    func finish() -> Checksums {
        state.withLockedValue { s in
            Checksums(sha1: PasswordDigest.hex(s.sha1.finalize()),
                      md5: md5 ? PasswordDigest.hex(s.md5.finalize()) : nil,
                      sha256: sha256 ? PasswordDigest.hex(s.sha256.finalize()) : nil)
        }
    }

    /// Hashes `length` bytes of a local file from its start (a resumed download's existing part).
    func update(file: LocalFile, length: Int64, chunk: Int = 1 << 20) throws {
        var offset: Int64 = 0
        while offset < length {
            let buffer = try file.read(at: offset, count: Int(min(Int64(chunk), length - offset)))
            guard buffer.readableBytes > 0 else { break }
            update(buffer)
            offset += Int64(buffer.readableBytes)
        }
    }
}

extension Checksums {
    /// Equal where both sides have a digest; SHA-1 must be on both.
    func matches(_ other: Checksums) -> Bool {
        guard sha1.lowercased() == other.sha1.lowercased() else { return false }
        if let a = md5, let b = other.md5, a.lowercased() != b.lowercased() { return false }
        if let a = sha256, let b = other.sha256, a.lowercased() != b.lowercased() { return false }
        return true
    }
}
