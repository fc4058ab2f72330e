/// The view of a list screen: a framed table with its column titles, the cursor row, and the
/// bottom line (find field, a fresh status message, or the screen's keys from the keymap).
extension ListScreen {
    /// Each column's width in `room`: the flexible one (width 0) takes what the others leave,
    /// at least 8; a fixed one that does not fit whole is narrowed to what is left if its title
    /// still fits, and the ones after it are left out (0) rather than cut at the edge.
    static func widths(_ columns: [Column], _ room: Int) -> [Int] {
        // Every fixed column is followed by a gap of one; the flexible one keeps at least 8.
        var left = room - (columns.contains { $0.width == 0 } ? 8 : 0)
        var out = [Int](repeating: 0, count: columns.count)
        for (i, col) in columns.enumerated() where col.width > 0 && left > 0 {
            if col.width + 1 <= left { out[i] = col.width; left -= col.width + 1; continue }
            if left - 1 >= max(4, TextWidth.of(col.title)) { out[i] = left - 1 }
            left = 0
        }
        let used = out.reduce(0) { $0 + ($1 > 0 ? $1 + 1 : 0) }
        for (i, col) in columns.enumerated() where col.width == 0 { out[i] = max(8, room - used) }
        return out
    }

    func draw(_ c: inout Canvas, _ app: App) {
        if seenStatus == Int.max { seenStatus = app.statusSerial }
        let t = app.theme
        let r = Rect(x: 0, y: 0, width: c.width, height: c.height - 1)
        c.fill(r, t[.pane])
        c.frame(r, t[.borderActive], title: title, titleStyle: t[.headerActive])
        let inner = r.inset(1)
        let widths = Self.widths(columns, inner.width)
        var x = inner.x
        for (i, col) in columns.enumerated() where widths[i] > 0 {
            c.put(pad(col.title, widths[i], right: col.right), x: x, y: inner.y, t[.columns], limit: inner.maxX)
            x += widths[i] + 1
        }
        let listTop = inner.y + 1, height = inner.height - 2
        if cursor < top { top = cursor }
        if cursor >= top + height { top = cursor - height + 1 }
        if let problem {
            var y = listTop
            for line in TextWidth.wrap(problem, inner.width - 2) where y < inner.maxY { c.put(line, x: inner.x + 1, y: y, t[.error]); y += 1 }
        } else if loading && rows.isEmpty {
            c.put("\(app.spinner) loading…", x: inner.x + 1, y: listTop, t[.dim])
        } else if rows.isEmpty {
            c.put("(nothing here)", x: inner.x + 1, y: listTop, t[.dim])
        }
        for (n, i) in (top..<min(rows.count, top + height)).enumerated() {
            let style = t[i == cursor ? .cursor : .pane]
            let y = listTop + n
            c.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style)
            var x = inner.x
            for (k, cell) in rows[i].enumerated() where k < columns.count && widths[k] > 0 {
                let text = TextWidth.printable(cell)
                c.put(columns[k].width == 0 ? pad(TextWidth.fitMiddle(text, widths[k]), widths[k], right: false) : pad(text, widths[k], right: columns[k].right),
                      x: x, y: y, style, limit: inner.maxX)
                x += widths[k] + 1
            }
        }
        c.fill(Rect(x: 0, y: c.height - 1, width: c.width, height: 1), t[.status])
        if let find {
            let x = c.put(" find: ", x: 0, y: c.height - 1, t[.status])
            find.draw(&c, x: x, y: c.height - 1, width: c.width - x, t[.input])
        } else if app.statusSerial > seenStatus {
            let style = t[app.status.error ? .error : .status]
            c.fill(Rect(x: 0, y: c.height - 1, width: c.width, height: 1), style)
            c.put(" " + TextWidth.fitEnd(TextWidth.printable(app.status.text), c.width - 1), x: 0, y: c.height - 1, style)
        } else {
            c.put(" " + TextWidth.fitEnd(keyHints(app), c.width - 1), x: 0, y: c.height - 1, t[.status])
        }
    }
}
