/// A small form for signing in: a few fields, some hidden (a password is never drawn, not even
/// as dots). Its keys are the `sign-in` context's: next/previous field, pick (the next field, or
/// sign in from the last once every field is filled), cancel.
final class SignInDialog: Overlay {
    struct Field {
        let label: String
        var editor: LineEditor
        var hidden = false
        init(_ label: String, _ text: String = "", hidden: Bool = false) {
            self.label = label; editor = LineEditor(text); self.hidden = hidden
        }
    }

    let title: String
    let lines: [String]
    var fields: [Field]
    var focus: Int
    let submit: @MainActor ([String], App) -> Void
    let cancel: @MainActor (App) -> Void

    init(title: String, lines: [String], fields: [Field], focus: Int = 0,
         submit: @escaping @MainActor ([String], App) -> Void, cancel: @escaping @MainActor (App) -> Void = { _ in }) {
        self.title = title; self.lines = lines; self.fields = fields; self.focus = min(focus, fields.count - 1)
        self.submit = submit; self.cancel = cancel
    }

    var context: KeyContext { .signIn }

    /// The focused field keeps typing; what it does not edit with goes to the table.
    func type(_ key: Key, _ app: App) -> Bool { fields[focus].editor.handle(key) }

    func perform(_ command: Command, _ app: App) -> Bool {
        switch command {
        case .cancel:
            cancel(app)
            return false
        case .next: focus = (focus + 1) % fields.count
        case .previous: focus = (focus + fields.count - 1) % fields.count
        case .pick:
            if focus < fields.count - 1 { focus += 1; return true }
            // An empty field is a slip: a login try spent on it counts against the account.
            if let empty = fields.firstIndex(where: { $0.editor.text.isEmpty }) { focus = empty; return true }
            app.close(self)
            submit(fields.map(\.editor.text), app)
        default: break
        }
        return true
    }

    func draw(_ c: inout Canvas, _ app: App) {
        let t = app.theme
        let width = min(max(50, min(c.width - 4, 72)), c.width - 2)
        let text = lines.flatMap { TextWidth.wrap(TextWidth.printable($0), width - 4) }
        let r = box(&c, app, width: width, height: text.count + fields.count + 4, title: title)
        var y = r.y + 1
        for line in text { c.put(line, x: r.x + 2, y: y, t[.dialog], limit: r.maxX - 1); y += 1 }
        y += 1
        let labelWidth = (fields.map { TextWidth.of($0.label) }.max() ?? 0) + 2
        var cursor: (Int, Int)?
        for (i, f) in fields.enumerated() {
            c.put(f.label + ":", x: r.x + 2, y: y, t[.dialog])
            let x = r.x + 2 + labelWidth, width = r.width - 4 - labelWidth
            if f.hidden {
                // Nothing of a password shows, not its length: the cursor stays at the start.
                c.fill(Rect(x: x, y: y, width: width, height: 1), t[.input])
                if i == focus { cursor = (x, y) }
            } else {
                f.editor.draw(&c, x: x, y: y, width: width, t[.input])
                if i == focus { cursor = c.cursor }
            }
            y += 1
        }
        c.put(keyHints(app), x: r.x + 2, y: r.maxY - 1, t[.dialogBorder], limit: r.maxX - 1)
        c.cursor = cursor
    }
}
