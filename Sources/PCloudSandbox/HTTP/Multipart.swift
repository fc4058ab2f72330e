import Foundation
import NIOCore

/// A streaming `multipart/form-data` reader: fields are read whole, file parts are handed out in
/// chunks as they arrive, so an upload never sits in memory. Pending bytes are copied out of the
/// incoming buffers (a retained slice would keep every buffer alive: STACK-NOTES).
final class MultipartReader<Source: AsyncIteratorProtocol>: @unchecked Sendable where Source.Element == ByteBuffer {
    struct PartHeader {
        let name: String
        let filename: String?
        let contentType: String?
    }

    private var source: Source
    private var pending: [UInt8] = []
    private var sourceDone = false
    private let delimiter: [UInt8]       // "\r\n--boundary"
    private var inPart = false
    private(set) var finished = false
    /// Raw request bytes received so far (multipart overhead included), for `uploadprogress`.
    private(set) var bytesReceived: Int64 = 0
    var onReceive: ((Int64) -> Void)?

    init(source: Source, boundary: String) {
        self.source = source
        delimiter = Array("\r\n--\(boundary)".utf8)
        // The first boundary has no preceding CRLF; pretend it had one.
        pending = [13, 10]
    }

    static func boundary(fromContentType ct: String) -> String? {
        for part in ct.split(separator: ";") {
            let kv = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0].lowercased() == "boundary" {
                return kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    private func fill() async throws -> Bool {
        guard !sourceDone else { return false }
        guard let buf = try await source.next() else { sourceDone = true; return false }
        bytesReceived += Int64(buf.readableBytes)
        onReceive?(bytesReceived)
        buf.withUnsafeReadableBytes { pending.append(contentsOf: $0) }
        return true
    }

    private func find(_ needle: [UInt8], from start: Int = 0) -> Int? {
        guard pending.count - start >= needle.count else { return nil }
        return pending.withUnsafeBytes { hay in
            needle.withUnsafeBytes { n in
                let base = hay.baseAddress!
                var i = start
                let last = hay.count - n.count
                while i <= last {
                    guard let hit = memchr(base + i, Int32(needle[0]), last - i + 1) else { return nil }
                    let at = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + at, n.baseAddress!, n.count) == 0 { return at }
                    i = at + 1
                }
                return nil
            }
        }
    }

    /// Advances to the next part and returns its header, or nil after the closing boundary.
    func nextPart() async throws -> PartHeader? {
        if inPart { while try await nextChunk() != nil {} }
        guard !finished else { return nil }
        // pending starts with the delimiter.
        while pending.count < delimiter.count + 2 { guard try await fill() else { throw APIError(5001) } }
        guard Array(pending[0..<delimiter.count]) == delimiter else { throw APIError(5001) }
        let after = pending[delimiter.count..<delimiter.count + 2]
        if after.elementsEqual([45, 45]) { finished = true; pending.removeAll(); return nil } // "--"
        var headerEnd: Int?
        while true {
            headerEnd = find([13, 10, 13, 10], from: delimiter.count)
            if headerEnd != nil { break }
            if pending.count > 64 * 1024 { throw APIError(5001) }
            guard try await fill() else { throw APIError(5001) }
        }
        let headerBytes = pending[(delimiter.count + 2)..<headerEnd!]
        pending.removeFirst(headerEnd! + 4)
        inPart = true
        return Self.parseHeaders(String(decoding: headerBytes, as: UTF8.self))
    }

    /// The next chunk of the current part's body, or nil at its end.
    func nextChunk() async throws -> ByteBuffer? {
        guard inPart else { return nil }
        while true {
            if let i = find(delimiter) {
                if i == 0 { inPart = false; return nil }
                let chunk = ByteBuffer(bytes: pending[0..<i])
                pending.removeFirst(i)
                return chunk
            }
            // Hand out what cannot be the start of a delimiter.
            let safe = pending.count - (delimiter.count - 1)
            if safe >= 64 * 1024 || (safe > 0 && sourceDone) {
                let chunk = ByteBuffer(bytes: pending[0..<safe])
                pending.removeFirst(safe)
                return chunk
            }
            guard try await fill() else {
                if sourceDone && find(delimiter) == nil { throw APIError(2041) }
                continue
            }
        }
    }

    /// A file part met while reading the leading fields, kept for the upload handler.
    private var pendingFile: PartHeader?

    /// The next part if it is a plain field; stops (returning nil) at the first file part.
    func peekFieldPart() async throws -> PartHeader? {
        guard pendingFile == nil, let part = try await nextPart() else { return nil }
        if part.filename == nil { return part }
        pendingFile = part
        return nil
    }

    /// The next file part; fields after the files are skipped, as pCloud ignores them.
    func nextFile() async throws -> PartHeader? {
        if let p = pendingFile { pendingFile = nil; return p }
        while let part = try await nextPart() {
            if part.filename != nil { return part }
        }
        return nil
    }

    /// A whole field value (limited to 1 MiB).
    func readField() async throws -> String {
        var bytes: [UInt8] = []
        while let chunk = try await nextChunk() {
            bytes.append(contentsOf: chunk.readableBytesView)
            if bytes.count > 1 << 20 { throw APIError(5001) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func parseHeaders(_ text: String) -> PartHeader {
        var name = "", filename: String?, contentType: String?
        for line in text.split(separator: "\r\n") {
            let kv = line.split(separator: ":", maxSplits: 1)
            guard kv.count == 2 else { continue }
            let key = kv[0].trimmingCharacters(in: .whitespaces).lowercased()
            let value = kv[1].trimmingCharacters(in: .whitespaces)
            if key == "content-type" { contentType = value }
            guard key == "content-disposition" else { continue }
            for param in splitParams(value) {
                let pkv = param.split(separator: "=", maxSplits: 1)
                guard pkv.count == 2 else { continue }
                let pkey = pkv[0].trimmingCharacters(in: .whitespaces).lowercased()
                var pval = pkv[1].trimmingCharacters(in: .whitespaces)
                if pval.hasPrefix("\""), pval.hasSuffix("\""), pval.count >= 2 {
                    pval = String(pval.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
                }
                switch pkey {
                case "name": name = pval
                case "filename": filename = pval
                case "filename*":
                    // RFC 5987: UTF-8''percent-encoded
                    if let r = pval.range(of: "''") { filename = Params.decode(Array(pval[r.upperBound...].utf8)) }
                default: break
                }
            }
        }
        return PartHeader(name: name, filename: filename, contentType: contentType)
    }

    /// Splits on `;` outside quotes.
    private static func splitParams(_ s: String) -> [String] {
        var out: [String] = [], cur = "", quoted = false
        for c in s {
            if c == "\"" { quoted.toggle() }
            if c == ";" && !quoted { out.append(cur); cur = "" } else { cur.append(c) }
        }
        out.append(cur)
        return out
    }
}
