/// Asks for one line of text (a name, a path, a pattern): the field types, the `input` keys
/// submit (Enter) or cancel (Esc).
final class InputDialog: Overlay {
    let title: String
    let prompt: String
    var editor: LineEditor
    let submit: @MainActor (String, App) -> Void

    init(title: String, prompt: String, text: String = "", submit: @escaping @MainActor (String, App) -> Void) {
        self.title = title; self.prompt = prompt; editor = LineEditor(text); self.submit = submit
    }

    var context: KeyContext { .input }

    /// The field keeps typing; what it does not edit with goes to the table.
    func type(_ key: Key, _ app: App) -> Bool { editor.handle(key) }

    func perform(_ command: Command, _ app: App) -> Bool {
        switch command {
        case .cancel: return false
        case .pick:
            app.close(self)
            submit(editor.text, app)
        default: break
        }
        return true
    }

    func draw(_ c: inout Canvas, _ app: App) {
        let r = box(&c, app, width: max(50, min(c.width - 4, 72)), height: 6, title: title)
        c.put(TextWidth.fitEnd(prompt, r.width - 4), x: r.x + 2, y: r.y + 1, app.theme[.dialog])
        editor.draw(&c, x: r.x + 2, y: r.y + 3, width: r.width - 4, app.theme[.input])
        c.put(keyHints(app), x: r.x + 2, y: r.maxY - 1, app.theme[.dialogBorder], limit: r.maxX - 1)
    }
}
