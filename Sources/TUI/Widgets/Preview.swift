import Commander
import Foundation

/// The start of a file as viewer lines: text as is, binary as a hex dump.
enum Preview {
    static let limit = 4 << 20

    static func read(_ path: String) throws -> Data {
        guard let h = LocalDrive.reading(path) else { throw CommanderError(.notFound, "cannot open \(path)") }
        defer { try? h.close() }
        return try h.read(upToCount: limit) ?? Data()
    }

    static func lines(_ data: Data) -> [String] {
        if data.prefix(8192).contains(0) {
            var out = ["binary, first \(min(data.count, 4096)) bytes:"]
            for offset in stride(from: 0, to: min(data.count, 4096), by: 16) {
                let chunk = data[data.startIndex + offset..<data.startIndex + min(offset + 16, data.count)]
                let hex = chunk.map { String(format: "%02x", $0) }.joined(separator: " ")
                let ascii = String(chunk.map { (32..<127).contains($0) ? Character(UnicodeScalar($0)) : "." })
                out.append(String(format: "%08x  ", offset) + hex.padding(toLength: 48, withPad: " ", startingAt: 0) + "  " + ascii)
            }
            return out
        }
        return lines(of: String(decoding: data, as: UTF8.self))
    }

    /// Lines end at LF or CRLF (to Swift "\r\n" is one character, not an "\n"); a lone CR is
    /// kept, and shows escaped.
    static func lines(of text: String) -> [String] {
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map(String.init)
    }
}
