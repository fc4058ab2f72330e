/// File names on Linux are bytes, not text: a name need not be valid UTF-8 (`bad-\xff\xfe.txt`
/// is legal). Swift strings hold only Unicode, so a local name keeps each byte that is not part
/// of valid UTF-8 as one scalar of the private-use range U+10FF80…U+10FFFF (byte 0x80 + n as
/// U+10FF80 + n), as Python's `surrogateescape` does with lone surrogates. The mapping is one to
/// one: a name that really contains one of those scalars keeps its UTF-8 bytes the same way, so
/// every name comes back byte for byte at the system call. Everything above the system calls
/// keeps working on strings; `TerminalText` shows such a byte as `\xff`, and pCloud, which
/// takes only UTF-8, is never sent one (`hasRawBytes`).
public enum RawName {
    static let base: UInt32 = 0x10FF00

    /// The byte a scalar stands for, if it is one of the escape scalars.
    public static func byte(_ u: Unicode.Scalar) -> UInt8? {
        u.value >= base + 0x80 && u.value <= base + 0xFF ? UInt8(u.value - base) : nil
    }

    /// A name as readdir gave it.
    public static func decode<C: Collection<UInt8>>(_ bytes: C) -> String {
        // Nearly every name is valid UTF-8 without a byte F4 (the lead byte of U+10FF80…).
        if !bytes.contains(0xF4), let s = String(validating: bytes, as: UTF8.self) { return s }
        let b = Array(bytes)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < b.count {
            let length = validSequence(b, at: i)
            guard length > 0 else { out.append(escape(b[i])); i += 1; continue }
            var value = length == 1 ? UInt32(b[i]) : UInt32(b[i]) & (0xFF >> (length + 1))
            for k in 1..<length { value = value << 6 | UInt32(b[i + k] & 0x3F) }
            let u = Unicode.Scalar(value)!
            if byte(u) != nil { for k in 0..<length { out.append(escape(b[i + k])) } } else { out.append(u) }
            i += length
        }
        return String(out)
    }

    static func escape(_ byte: UInt8) -> Unicode.Scalar { Unicode.Scalar(base + UInt32(byte))! }

    /// The length of the well-formed UTF-8 sequence at `i` (The Unicode Standard, table 3-7),
    /// 0 when there is none.
    static func validSequence(_ b: [UInt8], at i: Int) -> Int {
        let lead = b[i]
        if lead < 0x80 { return 1 }
        let (length, second): (Int, ClosedRange<UInt8>) = switch lead {
        case 0xC2...0xDF: (2, 0x80...0xBF)
        case 0xE0: (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80...0xBF)
        case 0xED: (3, 0x80...0x9F)
        case 0xF0: (4, 0x90...0xBF)
        case 0xF1...0xF3: (4, 0x80...0xBF)
        case 0xF4: (4, 0x80...0x8F)
        default: (0, 0x80...0xBF)
        }
        guard length > 0, i + length <= b.count, second.contains(b[i + 1]) else { return 0 }
        for k in 2..<length where !(0x80...0xBF).contains(b[i + k]) { return 0 }
        return length
    }

    /// The bytes a name stands for on disk.
    public static func bytes(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            if let b = byte(u) { out.append(b) } else { out.append(contentsOf: String(u).utf8) }
        }
        return out
    }

    /// `path` as the C string a system call takes.
    public static func c(_ path: String) -> [CChar] {
        guard hasRawBytes(path) else { return Array(path.utf8CString) }
        return bytes(path).map { CChar(bitPattern: $0) } + [0]
    }

    /// Whether the name holds bytes that are not UTF-8 (pCloud refuses such a name).
    public static func hasRawBytes(_ s: String) -> Bool {
        // Every escape scalar is encoded with the lead byte F4, which nearly no name holds: that
        // scan is a fraction of walking the scalars, and it runs once per stat of a listing.
        s.utf8.contains(0xF4) && s.unicodeScalars.contains { byte($0) != nil }
    }
}
