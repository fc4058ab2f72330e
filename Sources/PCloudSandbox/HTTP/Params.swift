import Foundation

/// Request parameters merged from the query, an urlencoded body, multipart fields and cookies.
/// A later source overrides an earlier one; a key repeated within one source is joined with
/// commas (httpx sends lists that way).
public struct Params: Sendable {
    private(set) var values: [String: String] = [:]

    init() {}

    mutating func merge(_ pairs: [(String, String)]) {
        var source: [String: String] = [:]
        for (k, v) in pairs {
            if let old = source[k] { source[k] = old + "," + v } else { source[k] = v }
        }
        values.merge(source) { _, new in new }
    }

    subscript(key: String) -> String? { values[key] }

    func string(_ key: String) -> String? { values[key] }

    func has(_ key: String) -> Bool { values[key] != nil }

    /// "If set": absent, empty, `0` and `false` are false; anything else is true.
    func bool(_ key: String) -> Bool {
        guard let v = values[key]?.lowercased() else { return false }
        return !(v.isEmpty || v == "0" || v == "false")
    }

    /// A 64-bit number; values above Int64.max are bit-cast (rclone sends negative mtimes that way).
    func int64(_ key: String, invalid: Int = 5000) throws -> Int64? {
        guard let raw = values[key]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        if let v = Int64(raw) { return v }
        if let u = UInt64(raw) { return Int64(bitPattern: u) }
        if raw.hasPrefix("0x"), let u = UInt64(raw.dropFirst(2), radix: 16) { return Int64(bitPattern: u) }
        throw APIError(invalid)
    }

    func ids(_ key: String, invalid: Int) throws -> [Int64] {
        guard let raw = values[key], !raw.isEmpty else { return [] }
        return try raw.split(separator: ",").map {
            guard let v = Int64($0.trimmingCharacters(in: .whitespaces)) else { throw APIError(invalid) }
            return v
        }
    }

    var timeFormat: TimeFormat { values["timeformat"] == "timestamp" ? .timestamp : .rfc1123 }

    // MARK: decoding

    /// `a=1&b=x+y` with `+` as space and percent-escapes decoded to UTF-8 (invalid bytes become
    /// U+FFFD, which name checks then refuse with 2001).
    static func parseURLEncoded<S: Sequence>(_ bytes: S) -> [(String, String)] where S.Element == UInt8 {
        var pairs: [(String, String)] = []
        var key: [UInt8] = [], value: [UInt8] = []
        var inValue = false
        func flush() {
            if !key.isEmpty || !value.isEmpty { pairs.append((decode(key), decode(value))) }
            key.removeAll(keepingCapacity: true); value.removeAll(keepingCapacity: true); inValue = false
        }
        for b in bytes {
            switch b {
            case UInt8(ascii: "&"): flush()
            case UInt8(ascii: "=") where !inValue: inValue = true
            default: if inValue { value.append(b) } else { key.append(b) }
            }
        }
        flush()
        return pairs
    }

    static func decode(_ raw: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let b = raw[i]
            if b == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if b == UInt8(ascii: "%"), i + 2 < raw.count, let h = hexValue(raw[i + 1]), let l = hexValue(raw[i + 2]) {
                out.append(h << 4 | l)
                i += 2
            } else {
                out.append(b)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    static func parseCookies(_ header: String) -> [(String, String)] {
        header.split(separator: ";").compactMap { part in
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { return nil }
            return (kv[0].trimmingCharacters(in: .whitespaces), decode(Array(kv[1].trimmingCharacters(in: .whitespaces).utf8)))
        }
    }
}
