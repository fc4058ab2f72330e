import Foundation

/// JSONDecoder on a server's answer, minus the one input that traps it. Foundation's scanner
/// (swift-foundation, Swift 6.3) crashes instead of throwing when an answer's nesting reaches its
/// limit of 512 just where the answer ends (`{"size":` and 512 `[`: found by the fuzz, seed
/// 10229744566364564519). Answers nested that deep are refused before JSONDecoder sees them;
/// pCloud's nest a few levels, and listings go through `MetadataScanner`, which has its own limit.
enum AnswerDecoder {
    /// Short of Foundation's 512 (which `MetadataScanner.maxDepth` copies): its scanner throws
    /// for answers that stay below it, and for those that go past it anywhere but at their end.
    static let maxDepth = MetadataScanner.maxDepth - 1

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        if let at = tooDeep(data) {
            throw MetadataScanner.Failure.syntax(at, "nesting deeper than \(maxDepth) levels")
        }
        return try JSONDecoder().decode(type, from: data)
    }

    /// Where the nesting first goes past `maxDepth`, brackets in strings aside; nil when it never does.
    static func tooDeep(_ data: Data) -> Int? {
        guard data.count > maxDepth else { return nil }
        return data.withUnsafeBytes { raw -> Int? in
            var depth = 0, inString = false, escaped = false
            for (i, b) in raw.enumerated() {
                if inString {
                    if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                    continue
                }
                switch b {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    if depth > maxDepth { return i }
                case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
                default: break
                }
            }
            return nil
        }
    }
}
