/// One line of editable text with a cursor (Home/End, arrows, Backspace, Delete, Ctrl-U,
/// Ctrl-W), as every input field uses it.
struct LineEditor {
    var text: String
    var cursor: Int

    init(_ text: String = "") { self.text = text; cursor = text.count }

    /// True when the key edited the text or moved the cursor.
    mutating func handle(_ key: Key) -> Bool {
        var chars = Array(text)
        switch key {
        case .char(let c): chars.insert(c, at: cursor); cursor += 1
        case .backspace: guard cursor > 0 else { return true }; chars.remove(at: cursor - 1); cursor -= 1
        case .delete: guard cursor < chars.count else { return true }; chars.remove(at: cursor)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(chars.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = chars.count
        case .ctrl("u"): chars.removeFirst(cursor); cursor = 0
        case .ctrl("w"):
            var i = cursor
            while i > 0, chars[i - 1] == " " { i -= 1 }
            while i > 0, chars[i - 1] != " ", chars[i - 1] != "/" { i -= 1 }
            chars.removeSubrange(i..<cursor); cursor = i
        default: return false
        }
        text = String(chars)
        return true
    }

    /// Draws the field in `width` columns, scrolled so the cursor shows; puts the terminal
    /// cursor there.
    func draw(_ c: inout Canvas, x: Int, y: Int, width: Int, _ style: Style) {
        c.fill(Rect(x: x, y: y, width: width, height: 1), style)
        let chars = Array(TextWidth.printable(text))
        var start = 0
        while TextWidth.of(String(chars[start..<min(cursor, chars.count)])) > width - 1 { start += 1 }
        c.put(String(chars[start...]), x: x, y: y, style, limit: x + width)
        c.cursor = (x + TextWidth.of(String(chars[start..<min(cursor, chars.count)])), y)
    }
}
