import Foundation
import Testing
@testable import TUI

/// Screen text as the snapshot tests compare it: trailing spaces dropped, and what changes from
/// run to run (times, temporary folders, link codes, ports) replaced by placeholders of the same
/// width, so that any change in the drawing still shows.
enum Snapshot {
    /// `dynamic`: a value drawn on screen and what to show instead (as wide, or padded with
    /// `~`); where the value is drawn cut (a name in a narrow column) its stand-in is cut the same way.
    static func stable(_ screen: String, _ dynamic: [(value: String, label: String)] = []) -> String {
        var text = screen
        for (value, label) in dynamic {
            let full = TextWidth.of(value)
            let stand = placeholder(label, full)
            for w in stride(from: full, through: min(full, 6), by: -1) {
                for cut in [TextWidth.fitMiddle, TextWidth.fitEnd] where TextWidth.of(cut(value, w)) == w {
                    text = text.replacingOccurrences(of: cut(value, w), with: cut(stand, w))
                }
            }
        }
        for (pattern, stand) in dates { text = text.replacing(pattern) { _ in stand } }
        return lines(text).joined(separator: "\n")
    }

    /// `Nov 23 18:40` and `2026-11-23 18:40:05` as pane rows, dialogs and screens show times.
    nonisolated(unsafe) static let dates: [(Regex<AnyRegexOutput>, String)] = [
        (try! Regex(#"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-3]\d [0-2]\d:[0-5]\d"#), "Mmm dd hh:mm"),
        (try! Regex(#"\b\d{4}-\d\d-\d\d [0-2]\d:[0-5]\d:[0-5]\d"#), "YYYY-MM-DD hh:mm:ss"),
    ]

    /// A link with its port and code as `#`s, as wide as it was (the sandbox's ephemeral port
    /// has five digits on Linux, so the width holds from run to run).
    static func blur(_ link: String) -> String {
        link.replacing(try! Regex(#"(:\d+/|code=\w+)"#)) { m in
            let text = String(m.output[0].substring ?? "")
            let keep = text.hasPrefix(":") ? 1 : 5, end = text.hasSuffix("/") ? 1 : 0
            return text.prefix(keep) + String(repeating: "#", count: text.count - keep - end) + text.suffix(end)
        }
    }

    /// `label` padded with `~` (or cut) to `width` columns.
    static func placeholder(_ label: String, _ width: Int) -> String {
        String(label.prefix(width)) + String(repeating: "~", count: max(0, width - label.count))
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var chars = Substring(line)
            while chars.last == " " { chars.removeLast() }
            return String(chars)
        }
    }

    /// The rows of the framed box whose top line shows `title`, from its left corner to its
    /// right one (what is around it is the screen behind the dialog).
    static func box(_ screen: String, titled title: String) -> String {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0)) }
        guard let top = rows.firstIndex(where: { String($0).contains(title) }),
              let left = rows[top].firstIndex(where: { $0 == "┌" }),
              let right = rows[top].lastIndex(where: { $0 == "┐" }) else { return "(no box titled \(title))" }
        var out: [String] = []
        for row in rows[top...] {
            // Columns, not characters: a wide character left of the box shifts the indices.
            let cells = cellColumns(row)
            let piece = String(cells.filter { $0.column >= column(rows[top], left) && $0.column <= column(rows[top], right) }.map(\.char))
            out.append(piece)
            if piece.first == "└" { break }
        }
        return out.joined(separator: "\n")
    }

    private static func column(_ row: [Character], _ index: Int) -> Int { TextWidth.of(String(row[..<index])) }

    private static func cellColumns(_ row: [Character]) -> [(char: Character, column: Int)] {
        var col = 0
        return row.map { ch in defer { col += TextWidth.of(String(ch)) }; return (ch, col) }
    }
}

/// Compares a screen (made stable) with the snapshot; on a difference the whole screen is
/// printed so a changed drawing can be read and, if right, pasted in.
func expectSnapshot(_ actual: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let a = Snapshot.lines(actual), e = Snapshot.lines(expected)
    guard a != e else { return }
    let firstDiff = a.indices.first { $0 >= e.count || a[$0] != e[$0] } ?? a.count
    Issue.record("snapshot differs from line \(firstDiff + 1):\n<<<\n\(a.joined(separator: "\n"))\n>>>", sourceLocation: sourceLocation)
}

extension Harness {
    /// The whole screen at `w`×`h`, made stable: the local folder's temporary path ends in
    /// `XXXXXXXX` instead of its random part.
    func snapshot(_ w: Int, _ h: Int, _ dynamic: [(value: String, label: String)] = []) -> String {
        Snapshot.stable(screen(w, h), [(local.path, String(local.path.dropLast(8)) + "XXXXXXXX")] + dynamic)
    }

    /// Only the dialog box titled `title`, made stable.
    func snapshot(box title: String, _ w: Int, _ h: Int, _ dynamic: [(value: String, label: String)] = []) -> String {
        Snapshot.box(snapshot(w, h, dynamic), titled: title)
    }

    /// The cloud pane active, listed again, with the cursor on `name` (made by the test).
    func cloudCursor(on name: String) async {
        app.panesScreen.active = 1
        keys(.ctrl("r"))
        await settle { app.panesScreen.panes[1].load == .ready && app.panesScreen.panes[1].current?.name == name }
    }
}
