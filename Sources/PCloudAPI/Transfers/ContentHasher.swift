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
        /// Bytes hashed so far, from offset 0 of the content.
        var position: Int64 = 0
    }
    private let state = NIOLockedValueBox(State())
    let md5: Bool, sha256: Bool

    init(md5: Bool = false, sha256: Bool = false) { self.md5 = md5; self.sha256 = sha256 }

    func update(_ buffer: ByteBuffer) {
        buffer.withUnsafeReadableBytes { ptr in
            state.withLockedValue { s in feed(&s, UnsafeRawBufferPointer(ptr)) }
        }
    }

    /// The bytes of `buffer`, which start at `offset` of the content. A resumed transfer sends
    /// some bytes again: only those past what was hashed already are fed in, so hashing costs
    /// one pass however often a transfer restarts.
    func update(_ buffer: ByteBuffer, at offset: Int64) {
        buffer.withUnsafeReadableBytes { ptr in
            state.withLockedValue { s in
                let end = offset + Int64(ptr.count)
                guard end > s.position else { return }
                // Bytes past a gap are left out; `update(file:)` can fill in from `hashedUpTo`.
                guard offset <= s.position else { return }
                feed(&s, UnsafeRawBufferPointer(rebasing: ptr[Int(s.position - offset)...]))
            }
        }
    }

    /// Starts over (a download whose server ignored Range and sent the whole file again).
    func reset() { state.withLockedValue { $0 = State() } }

    /// How many leading bytes of the content have been hashed.
    var hashedUpTo: Int64 { state.withLockedValue { $0.position } }

    private func feed(_ s: inout State, _ ptr: UnsafeRawBufferPointer) {
        s.sha1.update(bufferPointer: ptr)
        if md5 { s.md5.update(bufferPointer: ptr) }
        if sha256 { s.sha256.update(bufferPointer: ptr) }
        s.position += Int64(ptr.count)
    }

    func finish() -> Checksums {
        state.withLockedValue { s in
            Checksums(sha1: PasswordDigest.hex(s.sha1.finalize()),
                      md5: md5 ? PasswordDigest.hex(s.md5.finalize()) : nil,
                      sha256: sha256 ? PasswordDigest.hex(s.sha256.finalize()) : nil)
        }
    }

    /// Hashes a local file up to `length` from where hashing stands (a resumed download's
    /// existing part, or a whole file).
    func update(file: LocalFile, length: Int64, chunk: Int = 1 << 20) throws {
        var offset = state.withLockedValue { $0.position }
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
