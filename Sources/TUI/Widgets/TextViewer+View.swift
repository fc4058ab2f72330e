/// The view of the viewer: the picture, then the text from `top`, and the bottom line (the
/// search field, or the position and the viewer's keys from the keymap).
extension TextViewer {
    func draw(_ c: inout Canvas, _ app: App) {
        let r = Rect(x: 0, y: 0, width: c.width, height: c.height - 1)
        c.fill(r, app.theme[.pane])
        c.frame(r, app.theme[.borderActive], title: title, titleStyle: app.theme[.headerActive])
        let inner = r.inset(1)
        pageHeight = max(1, inner.height)
        let all = picture.count
        for row in 0..<inner.height {
            let i = top + row
            if i < all {
                for (x, cell) in picture[i].prefix(inner.width).enumerated() { c[inner.x + x, inner.y + row] = cell }
                continue
            }
            let li = i - all
            guard li < lines.count else { break }
            let role = li == found ? Role.marked : styledLines[li] ?? .pane
            c.put(TextWidth.printable(lines[li].replacingOccurrences(of: "\t", with: "    ")), x: inner.x, y: inner.y + row,
                  app.theme[role], limit: inner.maxX)
        }
        let status = " \(min(lines.count, top + 1))/\(lines.count) · \(keyHints(app)) "
        if let s = search {
            c.put("/", x: 0, y: c.height - 1, app.theme[.status])
            s.draw(&c, x: 1, y: c.height - 1, width: c.width - 1, app.theme[.input])
        } else {
            c.fill(Rect(x: 0, y: c.height - 1, width: c.width, height: 1), app.theme[.status])
            c.put(status, x: 0, y: c.height - 1, app.theme[.status])
        }
    }
}
