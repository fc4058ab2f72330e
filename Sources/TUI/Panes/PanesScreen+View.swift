/// The panes' view: the two panes side by side and mc's F-key bar under everything.
extension PanesScreen {
    /// Draws both panes in the top `height` rows; remembers the layout for paging and the mouse.
    func draw(_ c: inout Canvas, height: Int, _ app: App) {
        let leftWidth = c.width / 2
        layout = (c.width, height)
        guard height > 0 else { return }
        let view = PaneView(theme: app.theme, spinner: app.spinner)
        view.draw(panes[0], active: active == 0, into: &c, Rect(x: 0, y: 0, width: leftWidth, height: height))
        view.draw(panes[1], active: active == 1, into: &c, Rect(x: leftWidth, y: 0, width: c.width - leftWidth, height: height))
    }

    /// mc's bottom line: F-key numbers and what they do, from the keymap in force.
    func drawKeyBar(_ c: inout Canvas, y: Int, _ app: App) {
        let theme = app.theme
        let labels = KeyBar.fKeys(app.keymap, context).map(\.label)
        c.fill(Rect(x: 0, y: y, width: c.width, height: 1), theme[.keybarLabel])
        let slot = c.width / labels.count
        for (i, l) in labels.enumerated() {
            let x = i * slot
            let n = "\(i + 1)"
            let after = c.put(n, x: x, y: y, theme[.keybarKey])
            c.put(TextWidth.fitEnd(l, slot - n.count - (i == labels.count - 1 ? 0 : 1)), x: after, y: y, theme[.keybarLabel],
                  limit: i == labels.count - 1 ? c.width : x + slot - 1)
            if i < labels.count - 1 { c.put(" ", x: x + slot - 1, y: y, theme[.keybarKey]) }
        }
    }
}
