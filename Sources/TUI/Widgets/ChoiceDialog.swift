/// A message with buttons (Yes/No, Overwrite/Skip/…), or a menu of lines to pick from. Its keys
/// are the `confirm` or `menu` context's; a letter bound to nothing there presses the button
/// it begins.
final class ChoiceDialog: Overlay {
    enum Layout { case buttons, menu }
    let title: String
    let lines: [String]
    let choices: [String]
    let layout: Layout
    var selected: Int
    let pick: @MainActor (Int, App) -> Void
    let cancel: (@MainActor (App) -> Void)?

    init(title: String, lines: [String], choices: [String], layout: Layout = .buttons, selected: Int = 0,
         cancel: (@MainActor (App) -> Void)? = nil, pick: @escaping @MainActor (Int, App) -> Void) {
        self.title = title; self.lines = lines; self.choices = choices; self.layout = layout
        self.selected = selected; self.pick = pick; self.cancel = cancel
    }

    /// Which button Enter presses at first.
    enum Focus { case verb, cancel }

    /// "Do this? [Verb] [Cancel]"; `then` runs only for the verb. Cancel is focused unless the
    /// step can be undone (mc's F8 then Enter sends to a trash).
    static func confirm(_ title: String, _ lines: [String], verb: String, focus: Focus = .cancel,
                        then: @escaping @MainActor (App) -> Void) -> ChoiceDialog {
        ChoiceDialog(title: title, lines: lines, choices: [verb, "Cancel"], selected: focus == .verb ? 0 : 1) { i, app in
            if i == 0 { then(app) }
        }
    }

    /// The first letter of each choice, unless two share it.
    private var hotkeys: [Character?] {
        let firsts = choices.map { $0.lowercased().first }
        return firsts.map { f in firsts.filter { $0 == f }.count == 1 ? f : nil }
    }

    var context: KeyContext { layout == .buttons ? .confirm : .menu }

    /// A button's first letter, when the `confirm` keys leave that letter free.
    func type(_ key: Key, _ app: App) -> Bool {
        guard layout == .buttons, case .char(let ch) = key, app.keymap.command(for: key, in: context) == nil,
              let i = hotkeys.firstIndex(of: Character(ch.lowercased())) else { return false }
        app.close(self)
        pick(i, app)
        return true
    }

    func perform(_ command: Command, _ app: App) -> Bool {
        switch command {
        case .cancel:
            app.close(self); cancel?(app)
        case .previous, .up: selected = (selected + choices.count - 1) % choices.count
        case .next, .down: selected = (selected + 1) % choices.count
        case .pick: app.close(self); pick(selected, app)
        default: break
        }
        return true
    }

    func draw(_ c: inout Canvas, _ app: App) {
        let theme = app.theme
        let textWidth = max(lines.map(TextWidth.of).max() ?? 0, TextWidth.of(title) + 4)
        switch layout {
        case .buttons:
            let buttons = choices.map { "[ \($0) ]" }
            let bw = buttons.reduce(0) { $0 + TextWidth.of($1) + 1 }
            // On a narrow screen the lines wrap rather than lose their ends.
            let room = min(max(textWidth, bw) + 6, c.width - 2) - 4
            let shown = lines.flatMap { TextWidth.of($0) <= room ? [$0] : TextWidth.wrap($0, room) }
            let r = box(&c, app, width: max(textWidth, bw) + 6, height: shown.count + 5, title: title)
            for (i, l) in shown.enumerated() where r.y + 1 + i < r.maxY - 2 {
                c.put(TextWidth.fitEnd(l, r.width - 4), x: r.x + 2, y: r.y + 1 + i, theme[.dialog])
            }
            var x = r.x + max(2, (r.width - bw) / 2)
            for (i, b) in buttons.enumerated() {
                x = c.put(b, x: x, y: r.maxY - 2, theme[i == selected ? .buttonFocused : .button], limit: r.maxX - 1) + 1
            }
        case .menu:
            let width = max(textWidth, choices.map(TextWidth.of).max() ?? 0) + 6
            let r = box(&c, app, width: width, height: lines.count + choices.count + 2, title: title)
            for (i, l) in lines.enumerated() { c.put(l, x: r.x + 2, y: r.y + 1 + i, theme[.dialog], limit: r.maxX - 1) }
            let top = r.y + 1 + lines.count
            let visible = r.height - 2 - lines.count
            let first = max(0, min(selected - visible + 1, choices.count - visible))
            for (row, i) in (first..<min(choices.count, first + visible)).enumerated() {
                let style = theme[i == selected ? .menuSelected : .dialog]
                c.fill(Rect(x: r.x + 1, y: top + row, width: r.width - 2, height: 1), style)
                c.put(choices[i], x: r.x + 2, y: top + row, style, limit: r.maxX - 1)
            }
        }
    }
}
