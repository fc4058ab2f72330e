import Commander

/// Fetch from the web (pCloud's remote upload): one URL per line, each optionally followed by
/// the name to save it as (`https://example.com/a.iso  debian.iso`). Enter starts a new line, so
/// several pasted lines land as they are; Tab goes to the buttons.
final class FetchDialog: Overlay {
    let folder: String
    var lines = [LineEditor()]
    var row = 0
    /// 0 the lines, 1 Fetch, 2 Cancel.
    var focus = 0
    var problem: String?
    let submit: @MainActor ([String], [String?], App) -> Void

    init(folder: String, submit: @escaping @MainActor ([String], [String?], App) -> Void) {
        self.folder = folder; self.submit = submit
    }

    /// The URLs and names of the non-empty lines, or the first line that is not a web URL.
    static func parse(_ lines: [String]) -> Result<(urls: [String], names: [String?]), ParseProblem> {
        var urls: [String] = [], names: [String?] = []
        for (i, line) in lines.enumerated() {
            let words = line.split(whereSeparator: \.isWhitespace)
            guard let first = words.first.map(String.init) else { continue }
            guard FetchURL.isFetchable(first) else { return .failure(ParseProblem(line: i + 1, text: first)) }
            urls.append(first)
            let name = line.drop { $0.isWhitespace }.dropFirst(first.count).trimmingCharacters(in: .whitespaces)
            names.append(name.isEmpty ? nil : name)
        }
        return .success((urls, names))
    }

    struct ParseProblem: Error { let line: Int; let text: String }

    var context: KeyContext { .fetchDialog }

    /// The URL lines are a small text editor while focused: they type, move between lines,
    /// split a line at Enter and join at Backspace.
    func type(_ key: Key, _ app: App) -> Bool {
        guard focus == 0 else { return false }
        switch key {
        case .up: row = max(0, row - 1); return true
        case .down: row = min(lines.count - 1, row + 1); return true
        case .enter:
            // Split at the cursor, as a text editor does.
            let chars = Array(lines[row].text), cut = lines[row].cursor
            lines[row] = LineEditor(String(chars[..<cut]))
            lines.insert(LineEditor(String(chars[cut...])), at: row + 1)
            lines[row + 1].cursor = 0
            row += 1
            return true
        case .backspace where lines[row].cursor == 0 && row > 0:
            let joined = lines[row - 1].text + lines[row].text
            let at = lines[row - 1].text.count
            lines.remove(at: row)
            row -= 1
            lines[row] = LineEditor(joined)
            lines[row].cursor = at
            return true
        default:
            guard lines[row].handle(key) else { return false }
            problem = nil
            return true
        }
    }

    func perform(_ command: Command, _ app: App) -> Bool {
        switch command {
        case .cancel: return false
        case .next: focus = (focus + 1) % 3
        case .previous: focus = (focus + 2) % 3
        case .pick:
            if focus == 2 { return false }
            return start(app)
        default: break
        }
        return true
    }

    private func start(_ app: App) -> Bool {
        switch Self.parse(lines.map(\.text)) {
        case .failure(let p):
            problem = "line \(p.line): \(p.text) is not an http or https URL"
            row = p.line - 1; focus = 0
        case .success(let (urls, _)) where urls.isEmpty:
            problem = "paste or type a URL first"
            focus = 0
        case .success(let (urls, names)):
            app.close(self)
            submit(urls, names, app)
        }
        return true
    }

    func draw(_ c: inout Canvas, _ app: App) {
        let t = app.theme
        let r = box(&c, app, width: max(60, min(c.width - 4, 90)), height: 14, title: "Fetch from the web")
        // Six lines, then a gap; on a short screen as many as fit right above the problem line.
        let visible = r.height >= 14 ? 6 : max(1, r.height - 6)
        c.put(TextWidth.fitEnd("pCloud downloads into \(folder) — one URL per line, a name after it if you like:",
                               r.width - 4), x: r.x + 2, y: r.y + 1, t[.dialog])
        let first = max(0, min(row - visible + 1, lines.count - visible))
        var cursor: (Int, Int)?
        for i in 0..<visible {
            let y = r.y + 2 + i, index = first + i
            guard index < lines.count else { c.fill(Rect(x: r.x + 2, y: y, width: r.width - 4, height: 1), t[.input]); continue }
            lines[index].draw(&c, x: r.x + 2, y: y, width: r.width - 4, t[.input])
            if index == row { cursor = c.cursor }
        }
        c.cursor = focus == 0 ? cursor : nil
        let example = "e.g.  https://example.com/debian.iso   debian-12.iso"
        c.put(TextWidth.fitEnd(problem ?? example, r.width - 4), x: r.x + 2, y: r.maxY - 4, t[problem == nil ? .dim : .error])
        var x = r.x + 2
        x = c.put("[ Fetch ]", x: x, y: r.maxY - 2, t[focus == 1 ? .buttonFocused : .button]) + 1
        x = c.put("[ Cancel ]", x: x, y: r.maxY - 2, t[focus == 2 ? .buttonFocused : .button]) + 2
        let hint = "Enter new line · " + keyHints(app)
        if x + TextWidth.of(hint) < r.maxX { c.put(hint, x: x, y: r.maxY - 2, t[.dialog]) }
    }
}
