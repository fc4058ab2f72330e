import Commander
import Foundation
#if canImport(Glibc)
import Glibc
#endif

// libc's wcwidth, the same table ncurses and tmux use (a Swift table would disagree with them
// on some characters and shift every column after the name).
@_silgen_name("wcwidth") private func c_wcwidth(_ c: Int32) -> Int32

/// Display widths and the safe, fitted forms of names as the panes show them.
public enum TextWidth {
    /// wcwidth answers per the LC_CTYPE locale; make sure it is a UTF-8 one.
    private static let locale: Void = { UTF8Locale.adopt() }()

    /// Columns one grapheme takes as curses places it: scalar by scalar, each by wcwidth. A
    /// grapheme of several emoji (joined by U+200D, or with a skin tone) is 4, 6, 8 columns there,
    /// whatever a terminal that joins them would draw (see `cells`).
    public static func of(_ g: Character) -> Int { g.unicodeScalars.reduce(0) { $0 + of($1) } }

    static func of(_ s: Unicode.Scalar) -> Int {
        _ = locale
        let v = s.value
        if v < 0x7F { return v < 0x20 ? 0 : 1 }
        return max(0, Int(c_wcwidth(Int32(bitPattern: v))))
    }

    /// The screen cells of one grapheme, as curses makes them: each scalar of positive width
    /// with the zero-width ones after it. A grapheme of one such scalar stays whole. Of one of
    /// several, the zero-width joiners are left out: a terminal that saw one would join the
    /// emoji around it into one glyph narrower than the cells curses counted, shifting the
    /// rest of the row.
    public static func cells(_ g: Character) -> [(text: String, width: Int)] {
        guard g.unicodeScalars.lazy.filter({ of($0) > 0 }).count > 1 else { return [(String(g), of(g))] }
        var out: [(text: String, width: Int)] = []
        for s in g.unicodeScalars where s != "\u{200D}" {
            let w = of(s)
            if let last = out.last, w == 0 || last.width == 0 {
                out[out.count - 1].text.unicodeScalars.append(s)
                out[out.count - 1].width += w
            } else {
                out.append((String(s), w))
            }
        }
        return out
    }

    public static func of(_ s: String) -> Int { s.reduce(0) { $0 + of($1) } }

    /// A name made safe to send to a terminal (`TerminalText`, the same function the command
    /// line uses), without the emoji variation selector U+FE0F (terminals disagree on its width
    /// with wcwidth).
    public static func printable(_ s: String) -> String {
        let safe = TerminalText.escaped(s)
        guard safe.unicodeScalars.contains("\u{FE0F}") else { return safe }
        return String(String.UnicodeScalarView(safe.unicodeScalars.filter { $0 != "\u{FE0F}" }))
    }

    /// At most `width` columns: cut in the middle with `…` when too long (the start and the
    /// extension both stay readable).
    public static func fitMiddle(_ s: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        let total = of(s)
        if total <= width { return s }
        if width == 1 { return "…" }
        let budget = width - 1
        let headBudget = (budget + 1) / 2, tailBudget = budget - headBudget
        var head = "", hw = 0
        for c in s { let w = of(c); if hw + w > headBudget { break }; head.append(c); hw += w }
        var tail = "", tw = 0
        for c in s.reversed() { let w = of(c); if tw + w > tailBudget + (headBudget - hw) { break }; tail.insert(c, at: tail.startIndex); tw += w }
        return head + "…" + tail
    }

    /// At most `width` columns, cut at the end with `…`.
    public static func fitEnd(_ s: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        if of(s) <= width { return s }
        var out = "", w = 0
        for c in s { let cw = of(c); if w + cw > width - 1 { break }; out.append(c); w += cw }
        return out + "…"
    }

    /// Lines of at most `width` columns, broken between words; a word wider than that (a long
    /// path, a run of CJK without spaces) is broken where it reaches the edge.
    public static func wrap(_ s: String, _ width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = [], line = "", lw = 0
        for word in s.split(separator: " ", omittingEmptySubsequences: true) {
            let ww = of(String(word))
            if lw > 0, lw + 1 + ww <= width { line += " " + word; lw += 1 + ww; continue }
            if lw > 0 { lines.append(line); line = ""; lw = 0 }
            for c in word {
                let cw = of(c)
                if lw + cw > width { lines.append(line); line = ""; lw = 0 }
                line.append(c); lw += cw
            }
        }
        return lines + [line]
    }
}
