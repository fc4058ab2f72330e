import Commander
import Foundation

/// "A file of that name exists": overwrite, skip, rename, keep both, each once or for all.
final class ConflictDialog: Overlay {
    let conflict: Conflict
    let answer: (ConflictResolution) -> Void
    var selected = 3
    var all = false
    static let choices: [(String, ConflictChoice)] = [("Overwrite", .overwrite), ("Skip", .skip), ("Rename…", .keepBoth), ("Keep both", .keepBoth)]

    init(_ conflict: Conflict, answer: @escaping (ConflictResolution) -> Void) { self.conflict = conflict; self.answer = answer }

    var context: KeyContext { .conflict }

    func perform(_ command: Command, _ app: App) -> Bool {
        switch command {
        case .previous: selected = (selected + 3) % 4
        case .next: selected = (selected + 1) % 4
        case .applyToAll: all.toggle()
        case .overwrite: selected = 0; return choose(app)
        case .skip: selected = 1; return choose(app)
        case .rename: selected = 2; return choose(app)
        case .keepBoth: selected = 3; return choose(app)
        case .pick: return choose(app)
        case .cancel: answer(ConflictResolution(.skip, applyToAll: false)); return false
        default: break
        }
        return true
    }

    private func choose(_ app: App) -> Bool {
        if selected == 2 {
            app.close(self)
            let answer = answer
            app.push(InputDialog(title: "Rename", prompt: "New name for the copy of \(conflict.source.name):",
                                 text: conflict.source.name) { name, _ in answer(ConflictResolution(.rename(name))) })
            return true
        }
        answer(ConflictResolution(Self.choices[selected].1, applyToAll: all))
        return false
    }

    func draw(_ c: inout Canvas, _ app: App) {
        let t = app.theme
        let r = box(&c, app, width: 64, height: 10, title: "Already exists")
        let s = conflict.source, e = conflict.existing
        // Narrow (down to 40×10): short dates, no blank rows, the buttons on two rows.
        let tight = r.height < 10, narrow = r.width < 60
        func date(_ d: Date) -> String { narrow ? DateText.short(d) : DateText.full(d) }
        c.put(TextWidth.fitMiddle(TextWidth.printable(e.name), r.width - 4), x: r.x + 2, y: r.y + 1, t[.dialogTitle])
        let y = r.y + (tight ? 2 : 3)
        c.put("new:      \(Units.bytes(s.size))  \(date(s.modified))", x: r.x + 2, y: y, t[.dialog], limit: r.maxX - 1)
        let existing = "existing: \(Units.bytes(e.size))  \(date(e.modified))"
        let on = existing + "  on \(conflict.targetDrive)"
        c.put(TextWidth.of(on) <= r.width - 4 ? on : existing, x: r.x + 2, y: y + 1, t[.dialog], limit: r.maxX - 1)
        c.put("[\(all ? "x" : " ")] apply to all conflicts (\(app.keyName(.applyToAll, in: .conflict)))", x: r.x + 2, y: y + (tight ? 2 : 3), t[.dialog], limit: r.maxX - 1)
        let buttons = Self.choices.map { "[ \($0.0) ]" }
        let wraps = buttons.reduce(0) { $0 + TextWidth.of($1) + 1 } > r.width - 3
        var x = r.x + 2, row = r.maxY - (wraps ? 3 : 2)
        for (i, b) in buttons.enumerated() {
            if wraps, i == 2 { x = r.x + 2; row += 1 }
            x = c.put(b, x: x, y: row, t[i == selected ? .buttonFocused : .button], limit: r.maxX - 1) + 1
        }
    }
}
