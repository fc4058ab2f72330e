import Commander

/// Share a folder: e-mail, permission checkboxes (none = read only), optional message.
final class ShareDialog: Overlay {
    let folder: Entry
    var mail = LineEditor()
    var message = LineEditor()
    var perms: SharePermissions = []
    /// 0 mail, 1–3 checkboxes, 4 message, 5 Share, 6 Cancel.
    var focus = 0
    let submit: @MainActor (String, SharePermissions, String?, App) -> Void
    let boxes: [(String, SharePermissions)] = [("create", .create), ("modify", .modify), ("delete", .delete)]

    init(folder: Entry, submit: @escaping @MainActor (String, SharePermissions, String?, App) -> Void) {
        self.folder = folder; self.submit = submit
    }

    func handle(_ key: Key, _ app: App) -> Bool {
        switch key {
        case .escape: return false
        case .tab, .down: focus = (focus + 1) % 7; return true
        case .backTab, .up: focus = (focus + 6) % 7; return true
        case .char(" ") where (1...3).contains(focus):
            let p = boxes[focus - 1].1
            if perms.contains(p) { perms.remove(p) } else { perms.insert(p) }
            return true
        case .enter:
            if focus == 6 { return false }
            let m = mail.text.trimmingCharacters(in: .whitespaces)
            guard m.contains("@") else { app.say("an e-mail address, please"); focus = 0; return true }
            app.close(self)
            submit(m, perms, message.text.isEmpty ? nil : message.text, app)
            return true
        default:
            if focus == 0 { _ = mail.handle(key) } else if focus == 4 { _ = message.handle(key) }
            return true
        }
    }

    func draw(_ c: inout Canvas, _ app: App) {
        let t = app.theme
        let r = box(&c, app, width: 60, height: 12, title: "Share “\(folder.name)”")
        c.put("E-mail:", x: r.x + 2, y: r.y + 1, t[.dialog])
        mail.draw(&c, x: r.x + 2, y: r.y + 2, width: r.width - 4, t[.input])
        var x = r.x + 2
        c.put("They may:", x: x, y: r.y + 4, t[.dialog])
        x += 10
        for (i, b) in boxes.enumerated() {
            let text = "[\(perms.contains(b.1) ? "x" : " ")] \(b.0)"
            x = c.put(text, x: x, y: r.y + 4, t[focus == i + 1 ? .buttonFocused : .dialog]) + 2
        }
        c.put(perms.isEmpty ? "(none checked: read only)" : "", x: r.x + 12, y: r.y + 5, t[.dialog])
        c.put("Message (optional):", x: r.x + 2, y: r.y + 6, t[.dialog])
        let savedCursor = c.cursor
        message.draw(&c, x: r.x + 2, y: r.y + 7, width: r.width - 4, t[.input])
        if focus != 4 { c.cursor = savedCursor }
        if focus != 0 && focus != 4 { c.cursor = nil }
        if focus == 0 { mail.draw(&c, x: r.x + 2, y: r.y + 2, width: r.width - 4, t[.input]) }
        x = r.x + 2
        x = c.put("[ Share ]", x: x, y: r.maxY - 2, t[focus == 5 ? .buttonFocused : .button]) + 1
        c.put("[ Cancel ]", x: x, y: r.maxY - 2, t[focus == 6 ? .buttonFocused : .button])
        c.put("Tab next · Space check · Enter share", x: r.x + 24, y: r.maxY - 2, t[.dialog], limit: r.maxX - 1)
    }
}
