/// The status line as an input: `/` filters the pane as you type (Enter keeps the filter, Esc
/// drops it); Ctrl-S jumps to the first name with the typed prefix.
final class FilterBar: Overlay {
    enum Mode { case filter, jump }
    let pane: Pane
    let mode: Mode
    var editor: LineEditor
    let before: String

    init(pane: Pane, mode: Mode) {
        self.pane = pane; self.mode = mode
        before = pane.filter
        editor = LineEditor(mode == .filter ? pane.filter : "")
    }

    var context: KeyContext { .filter }

    /// The line keeps typing; each change filters or jumps at once.
    func type(_ key: Key, _ app: App) -> Bool {
        guard editor.handle(key) else { return false }
        switch mode {
        case .filter: pane.filter = editor.text
        case .jump: if !editor.text.isEmpty, !pane.jump(prefix: editor.text) { app.say("no name starts with “\(editor.text)”") }
        }
        return true
    }

    func perform(_ command: Command, _ app: App) -> Bool {
        switch command {
        case .cancel:
            if mode == .filter { pane.filter = "" }
            return false
        case .pick: return false
        case .up, .down, .pageUp, .pageDown: app.panesScreen.perform(command, app)
        case .quickJump where mode == .jump:
            pane.cursor += 1
            if !pane.jump(prefix: editor.text) { pane.cursor -= 1 }
        default: break
        }
        return true
    }

    func draw(_ c: inout Canvas, _ app: App) {
        let y = c.height - 2
        let label = mode == .filter ? " filter: " : " jump to: "
        c.fill(Rect(x: 0, y: y, width: c.width, height: 1), app.theme[.status])
        let x = c.put(label, x: 0, y: y, app.theme[.status])
        editor.draw(&c, x: x, y: y, width: c.width - x, app.theme[.input])
    }
}
