import Foundation

/// A name pattern as people type it: plain text matches anywhere in a name; with `*`, `?` or
/// `[…]` it is a shell glob over the whole name. Case-insensitive unless asked, Unicode-aware:
/// names and pattern are compared in NFC, lowercased, as UTF-8 bytes, so that a scan over
/// 100,000 names folded once stays a loop of `memmem` calls.
public struct NamePattern: Sendable, Hashable {
    public enum Kind: Sendable { case substring, glob }

    public let text: String
    public let kind: Kind
    public let caseSensitive: Bool
    let bytes: [UInt8]

    public init(_ text: String, caseSensitive: Bool = false) throws {
        self.text = text
        self.caseSensitive = caseSensitive
        kind = text.contains(where: { "*?[".contains($0) }) ? .glob : .substring
        bytes = caseSensitive ? Array(text.precomposedStringWithCanonicalMapping.utf8) : Self.fold(text)
        if kind == .glob { try Self.checkClasses(bytes, text) }
    }

    /// Matches everything (a find by kind, size or date alone).
    public var isEmpty: Bool { bytes.isEmpty }

    /// The form names are compared in. ASCII, most names, is already NFC and lowercases by
    /// bytes: Foundation's normalization costs microseconds a name, seconds on a big index.
    public static func fold(_ s: String) -> [UInt8] {
        var bytes = Array(s.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return Array(s.precomposedStringWithCanonicalMapping.lowercased().utf8) }
        for i in bytes.indices where bytes[i] &- 65 < 26 { bytes[i] += 32 }
        return bytes
    }

    public func key(_ name: String) -> [UInt8] {
        caseSensitive ? Array(name.precomposedStringWithCanonicalMapping.utf8) : Self.fold(name)
    }

    public func matches(_ name: String) -> Bool { matches(key: key(name)) }

    /// `key` is the name as `key(_:)` (or `fold` for a case-insensitive pattern) made it.
    public func matches(key: [UInt8]) -> Bool {
        if bytes.isEmpty { return true }
        return key.withUnsafeBufferPointer { name in
            bytes.withUnsafeBufferPointer { pat in
                switch kind {
                case .substring:
                    guard name.count >= pat.count else { return false }
                    return c_memmem(name.baseAddress, name.count, pat.baseAddress, pat.count) != nil
                case .glob:
                    return Self.glob(pat, name)
                }
            }
        }
    }

    // MARK: glob

    /// `[` without its `]` is the one way to write a pattern that cannot match anything.
    private static func checkClasses(_ p: [UInt8], _ text: String) throws {
        var i = 0
        while i < p.count {
            if p[i] == UInt8(ascii: "[") {
                guard let end = classEnd(p, i) else {
                    throw CommanderError(.invalidInput, "pattern “\(text)”: “[” has no closing “]”")
                }
                i = end
            }
            i += 1
        }
    }

    /// Index of the `]` closing the class opened at `start`; a `]` right after `[` or `[!` is literal.
    private static func classEnd(_ p: [UInt8], _ start: Int) -> Int? {
        var i = start + 1
        if i < p.count, p[i] == UInt8(ascii: "!") || p[i] == UInt8(ascii: "^") { i += 1 }
        if i < p.count, p[i] == UInt8(ascii: "]") { i += 1 }
        while i < p.count, p[i] != UInt8(ascii: "]") { i += 1 }
        return i < p.count ? i : nil
    }

    /// Length of the UTF-8 sequence starting with `b`.
    private static func scalarLength(_ b: UInt8) -> Int {
        b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
    }

    private static func scalar(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let n = min(scalarLength(s[i]), s.count - i)
        if n == 1 { return (UInt32(s[i]), 1) }
        var v = UInt32(s[i]) & (0xFF >> (n + 1))
        for k in 1..<n { v = v << 6 | UInt32(s[i + k] & 0x3F) }
        return (v, n)
    }

    /// Does the class `[…]` at `p[start]` take scalar `c`? Returns the answer and the index after `]`.
    private static func matchClass(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ c: UInt32) -> (Bool, Int) {
        var i = start + 1
        var negate = false
        if p[i] == UInt8(ascii: "!") || p[i] == UInt8(ascii: "^") { negate = true; i += 1 }
        var hit = false, first = true
        while first || p[i] != UInt8(ascii: "]") {
            first = false
            let (lo, n) = scalar(p, i)
            i += n
            if p[i] == UInt8(ascii: "-"), i + 1 < p.count, p[i + 1] != UInt8(ascii: "]") {
                let (hi, m) = scalar(p, i + 1)
                i += 1 + m
                if lo <= c && c <= hi { hit = true }
            } else if lo == c { hit = true }
        }
        return (hit != negate, i + 1)
    }

    /// Whole-name glob with backtracking on the last `*` (linear in practice).
    private static func glob(_ p: UnsafeBufferPointer<UInt8>, _ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var pi = 0, si = 0
        var starP = -1, starS = 0
        while si < s.count {
            if pi < p.count {
                switch p[pi] {
                case UInt8(ascii: "*"):
                    starP = pi; starS = si; pi += 1
                    continue
                case UInt8(ascii: "?"):
                    pi += 1; si += scalarLength(s[si])
                    continue
                case UInt8(ascii: "["):
                    let (c, n) = scalar(s, si)
                    let (ok, next) = matchClass(p, pi, c)
                    if ok { pi = next; si += n; continue }
                default:
                    if p[pi] == s[si] { pi += 1; si += 1; continue }
                }
            }
            guard starP >= 0 else { return false }
            starS += scalarLength(s[starS])
            si = starS
            pi = starP + 1
        }
        while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }
}

/// glibc's memmem (declared only under _GNU_SOURCE, which the Glibc module does not set).
@_silgen_name("memmem")
private func c_memmem(_ haystack: UnsafeRawPointer?, _ haystackLength: Int, _ needle: UnsafeRawPointer?,
                      _ needleLength: Int) -> UnsafeMutableRawPointer?
