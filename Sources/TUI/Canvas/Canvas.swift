import Commander

/// One screen cell: a grapheme and its style. A wide grapheme's second column is a
/// continuation cell (`text` empty) so columns stay aligned.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: Style
    public static let blank = Cell(text: " ", style: .plain)
}

public struct Rect: Hashable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) { self.x = x; self.y = y; self.width = width; self.height = height }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    /// The rect with `n` cells taken off every side.
    public func inset(_ n: Int) -> Rect { Rect(x: x + n, y: y + n, width: max(0, width - 2 * n), height: max(0, height - 2 * n)) }
    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }
}

/// What widgets draw into: a grid of cells. The terminal backend copies it to the screen;
/// tests read it back as text.
public struct Canvas: Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should rest (an input field), if visible.
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width); self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    public mutating func fill(_ r: Rect, _ style: Style, _ char: String = " ") {
        for y in max(0, r.y)..<min(height, r.maxY) where r.x < width {
            for x in max(0, r.x)..<min(width, r.maxX) { self[x, y] = Cell(text: char, style: style) }
        }
    }

    /// Writes `text` from (x, y), clipped at `limit` (default: the canvas edge); returns the
    /// column after the last cell written. A wide character that does not fit is replaced by a
    /// space, never split. Callers measure `TextWidth.printable` text; whatever reaches here
    /// unescaped (a name inside a dialog's sentence) is escaped here all the same.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, _ style: Style, limit: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let end = min(width, limit ?? width)
        var col = x
        for g in TerminalText.escaped(text) {
            for (piece, w) in TextWidth.cells(g) where w > 0 {
                if col + w > end { if col < end, w == 2 { self[col, y] = Cell(text: " ", style: style); col += 1 }; return col }
                if col >= 0 {
                    // Overwriting half of a wide character leaves a blank, not half a glyph.
                    if self[col, y].text.isEmpty, col > 0 { self[col - 1, y] = Cell(text: " ", style: self[col - 1, y].style) }
                    self[col, y] = Cell(text: piece, style: style)
                    if w == 2 { self[col + 1, y] = Cell(text: "", style: style) }
                }
                col += w
            }
        }
        return col
    }

    /// Box-drawing frame around `r` with an optional title in the top edge.
    public mutating func frame(_ r: Rect, _ style: Style, title: String? = nil, titleStyle: Style? = nil) {
        guard r.width >= 2, r.height >= 2 else { return }
        for x in r.x + 1..<r.maxX - 1 { put("─", x: x, y: r.y, style); put("─", x: x, y: r.maxY - 1, style) }
        for y in r.y + 1..<r.maxY - 1 { put("│", x: r.x, y: y, style); put("│", x: r.maxX - 1, y: y, style) }
        put("┌", x: r.x, y: r.y, style); put("┐", x: r.maxX - 1, y: r.y, style)
        put("└", x: r.x, y: r.maxY - 1, style); put("┘", x: r.maxX - 1, y: r.maxY - 1, style)
        if let title, r.width > 4 {
            // Measured as drawn: a name in a title reaches here raw, and its escapes are wider.
            let t = " " + TextWidth.fitEnd(TextWidth.printable(title), r.width - 4) + " "
            let w = TextWidth.of(t)
            put(t, x: r.x + max(1, (r.width - w) / 2), y: r.y, titleStyle ?? style)
        }
    }

    /// The row as text (continuation cells skipped), for tests and tmux-free snapshots.
    public func row(_ y: Int) -> String {
        var s = ""
        for x in 0..<width { s += self[x, y].text }
        return s
    }

    /// The whole canvas as text, trailing spaces trimmed per row.
    public var text: String {
        (0..<height).map { row($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
            .joined(separator: "\n")
    }
}

import Foundation
