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

    var context: KeyContext { .shareDialog }

    /// The e-mail and message fields keep typing while focused.
    func type(_ key: Key, _ app: App) -> Bool {
        if focus == 0 { return mail.handle(key) }
        if focus == 4 { return message.handle(key) }
        return false
    }

    func perform(_ command: Command, _ app: App) -> Bool {
        switch command {
        case .cancel: return false
        case .next: focus = (focus + 1) % 7; return true
        case .previous: focus = (focus + 6) % 7; return true
        case .toggle where (1...3).contains(focus):
            let p = boxes[focus - 1].1
            if perms.contains(p) { perms.remove(p) } else { perms.insert(p) }
            return true
        case .pick:
            if focus == 6 { return false }
            let m = mail.text.trimmingCharacters(in: .whitespaces)
            guard m.contains("@") else { app.say("an e-mail address, please"); focus = 0; return true }
            app.close(self)
            submit(m, perms, message.text.isEmpty ? nil : message.text, app)
            return true
        default: return true
        }
    }

    func draw(_ c: inout Canvas, _ app: App) {
        let t = app.theme
        let r = box(&c, app, width: 62, height: 12, title: "Share “\(TextWidth.printable(folder.name))”")
        // Below 12 rows (down to 40×10): labels beside their fields, no "They may:", in six rows.
        let tight = r.height < 12
        let x = r.x + 2, w = r.width - 4
        let mailAt = tight ? (x: x + 8, y: r.y + 1, w: w - 8) : (x: x, y: r.y + 2, w: w)
        let boxesY = tight ? r.y + 2 : r.y + 4
        let messageAt = tight ? (x: x + 9, y: r.y + 4, w: w - 9) : (x: x, y: r.y + 7, w: w)
        c.put("E-mail:", x: x, y: r.y + 1, t[.dialog])
        var bx = x
        if !tight { c.put("They may:", x: x, y: boxesY, t[.dialog]); bx += 10 }
        for (i, b) in boxes.enumerated() {
            let text = "[\(perms.contains(b.1) ? "x" : " ")] \(b.0)"
            bx = c.put(text, x: bx, y: boxesY, t[focus == i + 1 ? .buttonFocused : .dialog], limit: r.maxX - 1) + 2
        }
        if perms.isEmpty { c.put("(none checked: read only)", x: tight ? x : r.x + 12, y: boxesY + 1, t[.dialog], limit: r.maxX - 1) }
        c.put(tight ? "Message:" : "Message (optional):", x: x, y: tight ? messageAt.y : r.y + 6, t[.dialog])
        // The focused field is drawn last: it keeps the terminal cursor.
        message.draw(&c, x: messageAt.x, y: messageAt.y, width: messageAt.w, t[.input])
        mail.draw(&c, x: mailAt.x, y: mailAt.y, width: mailAt.w, t[.input])
        if focus == 4 { message.draw(&c, x: messageAt.x, y: messageAt.y, width: messageAt.w, t[.input]) }
        if focus != 0 && focus != 4 { c.cursor = nil }
        bx = x
        bx = c.put("[ Share ]", x: bx, y: r.maxY - 2, t[focus == 5 ? .buttonFocused : .button]) + 1
        bx = c.put("[ Cancel ]", x: bx, y: r.maxY - 2, t[focus == 6 ? .buttonFocused : .button]) + 2
        let hint = keyHints(app), hx = max(bx, r.x + 24)
        if hx + TextWidth.of(hint) < r.maxX { c.put(hint, x: hx, y: r.maxY - 2, t[.dialog]) }
    }
}
