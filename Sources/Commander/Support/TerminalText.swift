/// Text that came from outside (names, paths, a server's messages) made safe to write to a
/// terminal. Anyone who shares a folder with you chooses its names: written raw, a name holding
/// `ESC ] 52 ; c ; … BEL` would set your clipboard, and a right-to-left override would show
/// `evil‮txt.exe` as `evilexe.txt`. Both the file manager and the command line show names
/// through this one function.
///
/// The style is GNU `ls -b` (`--quoting-style=escape`) with C's spellings: `\e` `\a` `\b` `\t`
/// `\n` `\v` `\f` `\r`, other C0 controls and DEL as `\x01`…`\x7f`; C1 controls, bidirectional
/// embeddings, overrides, isolates and marks, and the line and paragraph separators as
/// `\u009b`, `\u202e`, …; a byte of a local name that is not UTF-8 as `\xff` (see `RawName`).
/// A backslash stands for itself.
public enum TerminalText {
    public static func escaped(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: needsEscape) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            if needsEscape(u) { out += escape(u) } else { out.unicodeScalars.append(u) }
        }
        return out
    }

    /// A line of JSON made safe the same way, still valid JSON meaning the same strings:
    /// JSONEncoder already writes C0 controls as `\u001b`; this adds DEL, C1 and the bidi
    /// controls as `\u…`. A byte that is not UTF-8 has no JSON spelling; it is shown as `\xff`.
    public static func json(_ line: String) -> String {
        guard line.unicodeScalars.contains(where: needsEscape) else { return line }
        var out = ""
        for u in line.unicodeScalars {
            if let b = RawName.byte(u) { out += "\\\\x" + hex(UInt32(b), 2) }
            else if needsEscape(u) { out += "\\u" + hex(u.value, 4) }
            else { out.unicodeScalars.append(u) }
        }
        return out
    }

    static func needsEscape(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0..<0x20, 0x7F...0x9F: true
        // Bidi: arabic letter mark, LRM/RLM, embeddings and overrides, isolates.
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        // Line and paragraph separators: a line break to some terminals.
        case 0x2028, 0x2029: true
        default: RawName.byte(u) != nil
        }
    }

    static func escape(_ u: Unicode.Scalar) -> String {
        if let b = RawName.byte(u) { return "\\x" + hex(UInt32(b), 2) }
        switch u.value {
        case 0x07: return "\\a"
        case 0x08: return "\\b"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0B: return "\\v"
        case 0x0C: return "\\f"
        case 0x0D: return "\\r"
        case 0x1B: return "\\e"
        case 0..<0x20, 0x7F: return "\\x" + hex(u.value, 2)
        default: return "\\u" + hex(u.value, 4)
        }
    }

    static func hex(_ v: UInt32, _ digits: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }
}
