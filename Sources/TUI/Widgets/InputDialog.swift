/// Asks for one line of text (a name, a path, a pattern). Enter submits, Esc cancels.
final class InputDialog: Overlay {
    let title: String
    let prompt: String
    var editor: LineEditor
    let submit: @MainActor (String, App) -> Void

    init(title: String, prompt: String, text: String = "", submit: @escaping @MainActor (String, App) -> Void) {
        self.title = title; self.prompt = prompt; editor = LineEditor(text); self.submit = submit
    }

    func handle(_ key: Key, _ app: App) -> Bool {
        switch key {
        case .escape, .f(10): return false
        case .enter:
            app.close(self)
            submit(editor.text, app)
            return true
        default:
            _ = editor.handle(key)
            return true
        }
    }

    func draw(_ c: inout Canvas, _ app: App) {
        let r = box(&c, app, width: max(50, min(c.width - 4, 72)), height: 6, title: title)
        c.put(TextWidth.fitEnd(prompt, r.width - 4), x: r.x + 2, y: r.y + 1, app.theme[.dialog])
        editor.draw(&c, x: r.x + 2, y: r.y + 3, width: r.width - 4, app.theme[.input])
        c.put("Enter ok · Esc cancel", x: r.x + 2, y: r.maxY - 1, app.theme[.dialogBorder], limit: r.maxX - 1)
    }
}
