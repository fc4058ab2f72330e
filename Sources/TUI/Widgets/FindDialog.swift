import Commander

/// mc's "Find file": a name pattern and optional filters on kind, size and age. The query is
/// checked here, so a bad pattern or size is named while the dialog is still open.
final class FindDialog: Overlay {
    let folder: String
    var pattern = LineEditor()
    var category: FileCategory?
    /// Larger, smaller, newer, older.
    var bounds = [LineEditor(), LineEditor(), LineEditor(), LineEditor()]
    /// 0 pattern, 1 kind, 2–5 bounds, 6 Find, 7 Cancel.
    var focus = 0
    var problem: String?
    let submit: @MainActor (FindQuery, String, App) -> Void

    static let kinds: [FileCategory?] = [nil, .image, .video, .audio, .document, .archive]
    static let boundTitles = ["Larger than:", "Smaller than:", "Newer than:", "Older than:"]

    init(folder: String, submit: @escaping @MainActor (FindQuery, String, App) -> Void) {
        self.folder = folder; self.submit = submit
    }

    var context: KeyContext { .findDialog }

    /// The pattern and bound fields keep typing while focused.
    func type(_ key: Key, _ app: App) -> Bool {
        if focus == 0 { return pattern.handle(key) }
        if (2...5).contains(focus) { return bounds[focus - 2].handle(key) }
        return false
    }

    func perform(_ command: Command, _ app: App) -> Bool {
        switch command {
        case .cancel: return false
        case .next: focus = (focus + 1) % 8
        case .previous: focus = (focus + 7) % 8
        case .kindNext where focus == 1, .kindPrevious where focus == 1:
            let i = Self.kinds.firstIndex(of: category) ?? 0
            category = Self.kinds[(i + (command == .kindPrevious ? Self.kinds.count - 1 : 1)) % Self.kinds.count]
        case .pick:
            if focus == 7 { return false }
            do {
                let query = try FindQuery(pattern: pattern.text, category: category?.name, larger: bounds[0].text,
                                          smaller: bounds[1].text, newer: bounds[2].text, older: bounds[3].text)
                app.close(self)
                submit(query, pattern.text, app)
            } catch {
                problem = CommanderError.from(error).message
            }
        default: break
        }
        return true
    }

    func draw(_ c: inout Canvas, _ app: App) {
        let t = app.theme
        let r = box(&c, app, width: 64, height: 14, title: "Find in \(TextWidth.fitMiddle(TextWidth.printable(folder), 40))")
        // Below 14 rows (down to 40×10) the same fields in six: no hint lines, the bounds in pairs.
        let tight = r.height < 14
        let x = r.x + 2, w = r.width - 4
        var y = r.y + 1
        if !tight {
            c.put("Name contains, or matches a pattern (*.jpg, IMG_??.*):", x: x, y: y, t[.dialog], limit: r.maxX - 1)
            y += 1
        }
        var editors: [(LineEditor, Int, Int, Int)] = [(pattern, x, y, w)]
        y += tight ? 1 : 2
        c.put("Kind:", x: x, y: y, t[.dialog])
        var kx = x + (tight ? 6 : 13)
        // Tight: only the chosen kind, which ←→ change (the whole row would not fit).
        for k in tight ? [category] : Self.kinds {
            let label = k?.name ?? "any"
            let chosen = k == category
            kx = c.put(tight ? "← \(label) →" : chosen ? "[\(label)]" : " \(label) ", x: kx, y: y,
                       t[chosen ? (focus == 1 ? .buttonFocused : .button) : .dialog], limit: r.maxX - 1)
        }
        y += tight ? 1 : 2
        let titles = tight ? ["Larger:", "Smaller:", "Newer:", "Older:"] : Self.boundTitles
        for (i, title) in titles.enumerated() {
            // Tight: two a row, "Larger: [    ] Smaller: [    ]".
            let half = (w + 1) / 2
            let bx = tight ? x + (i % 2) * half : x, by = tight ? y + i / 2 : y + i
            c.put(title, x: bx, y: by, t[.dialog])
            let fx = tight ? bx + 9 : x + 14
            editors.append((bounds[i], fx, by, tight ? max(4, min(16, half - 10)) : 16))
        }
        if !tight {
            c.put("sizes 10M 1.5G 512k", x: x + 32, y: y, t[.dim], limit: r.maxX - 1)
            c.put("ages 7d 12h 2w, or 2026-01-31", x: x + 32, y: y + 2, t[.dim], limit: r.maxX - 1)
        }
        if let problem { c.put(TextWidth.fitEnd(problem, w), x: x, y: r.maxY - 3, t[.error], limit: r.maxX - 1) }
        var bx = x
        bx = c.put("[ Find ]", x: bx, y: r.maxY - 2, t[focus == 6 ? .buttonFocused : .button]) + 1
        bx = c.put("[ Cancel ]", x: bx, y: r.maxY - 2, t[focus == 7 ? .buttonFocused : .button]) + 2
        let hint = keyHints(app, [.next, .kindNext, .pick]), hx = max(bx, x + 22)
        if hx + TextWidth.of(hint) < r.maxX { c.put(hint, x: hx, y: r.maxY - 2, t[.dialog]) }
        // Only the focused field shows the cursor: draw it last.
        let fields = [0, 2, 3, 4, 5]
        for (i, e) in editors.enumerated() where fields[i] != focus { e.0.draw(&c, x: e.1, y: e.2, width: e.3, t[.input]) }
        c.cursor = nil
        if let i = fields.firstIndex(of: focus) { editors[i].0.draw(&c, x: editors[i].1, y: editors[i].2, width: editors[i].3, t[.input]) }
    }
}
