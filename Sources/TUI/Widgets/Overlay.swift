/// A dialog or screen drawn over the panes. While it is on top its context's keys apply: the
/// app turns a key into a command through the keymap, and the overlay performs it (its
/// update); `draw` only draws (its view).
@MainActor
public protocol Overlay: AnyObject {
    /// Whose keys apply while this is on top.
    var context: KeyContext { get }
    /// Text entry: a key a focused text field types or edits with, before the key table sees
    /// it; true when taken.
    func type(_ key: Key, _ app: App) -> Bool
    /// A command of `context` (or of its parents); false when the overlay is done and should close.
    func perform(_ command: Command, _ app: App) -> Bool
    func mouse(_ m: MouseEvent, _ app: App)
    func draw(_ c: inout Canvas, _ app: App)
}

extension Overlay {
    func type(_ key: Key, _ app: App) -> Bool { false }
    func mouse(_ m: MouseEvent, _ app: App) {}

    /// A centred box of `width`×`height` (clipped to the screen) with a frame and title.
    func box(_ c: inout Canvas, _ app: App, width: Int, height: Int, title: String) -> Rect {
        let w = min(width, c.width - 2), h = min(height, c.height - 2)
        let r = Rect(x: (c.width - w) / 2, y: max(0, (c.height - h) / 2), width: w, height: h)
        c.fill(r, app.theme[.dialog])
        c.frame(r, app.theme[.dialogBorder], title: title, titleStyle: app.theme[.dialogTitle])
        return r
    }

    /// "Tab next · Enter share": the first key and bar label of each command of this context
    /// that has one, from the keymap in force.
    func keyHints(_ app: App, _ commands: [Command]? = nil, short: Bool = false) -> String {
        KeyBar.line(app.keymap, context, only: commands, short: short)
    }
}
