import Commander

/// A full-screen table with a cursor: the trash, revisions, shares, links and upload links
/// screens are this plus their rows and keys. The update side (`reload`, `act`) lives in each
/// screen; drawing is shared here.
@MainActor
class ListScreen: Overlay {
    struct Column {
        let title: String
        /// 0 = takes what is left.
        let width: Int
        var right = false
    }

    let title: String
    let columns: [Column]
    var rows: [[String]] = []
    var cursor = 0
    var top = 0
    var loading = true
    var problem: String?
    /// The keys line at the bottom: "r restore · d delete forever · …".
    var keysHelp: String

    init(title: String, columns: [Column], keysHelp: String) {
        self.title = title; self.columns = columns; self.keysHelp = keysHelp
    }

    /// Fetches the rows again (each screen overrides).
    func reload(_ app: App) {}

    /// A screen's own keys; true when handled.
    func act(_ key: Key, _ app: App) -> Bool { false }

    /// `/` then text: the cursor goes to the first row containing it.
    var find: LineEditor?
    /// The app's status messages up to this one have been seen; newer ones show on the
    /// bottom line until the next key.
    var seenStatus = Int.max

    func handle(_ key: Key, _ app: App) -> Bool {
        seenStatus = app.statusSerial
        if var f = find {
            switch key {
            case .escape, .enter: find = nil
            default:
                _ = f.handle(key)
                find = f
                let needle = f.text.lowercased()
                if let i = rows.firstIndex(where: { $0.contains { $0.lowercased().contains(needle) } }) { cursor = i }
            }
            return true
        }
        if key == .char("/") { find = LineEditor(); return true }
        if act(key, app) { return true }
        switch key {
        case .escape, .char("q"), .f(10): return false
        case .up, .char("k"): cursor -= 1
        case .down, .char("j"): cursor += 1
        case .pageUp: cursor -= 10
        case .pageDown: cursor += 10
        case .home: cursor = 0
        case .end, .char("G"): cursor = rows.count - 1
        case .ctrl("r"): reload(app)
        case .mouse(let m) where m.kind == .wheelUp: cursor -= 3
        case .mouse(let m) where m.kind == .wheelDown: cursor += 3
        default: break
        }
        cursor = max(0, min(cursor, rows.count - 1))
        return true
    }

    /// Loads rows off the UI thread; errors stay on the screen in plain words.
    func load<T: Sendable>(_ app: App, _ work: @escaping @Sendable () async throws -> T,
                           _ apply: @escaping @MainActor (T) -> [[String]]) {
        loading = true
        problem = nil
        let box = UncheckedBox(apply)
        let inbox = app.inbox
        Task.detached {
            do {
                let value = try await work()
                inbox.post { _ in
                    self.rows = box.value(value)
                    self.loading = false
                    self.cursor = max(0, min(self.cursor, self.rows.count - 1))
                }
            } catch {
                let e = CommanderError.from(error)
                inbox.post { _ in self.failed(e) }
            }
        }
    }

    func failed(_ e: CommanderError) {
        loading = false
        problem = ErrorHint.describe(e)
    }

    /// Each column's width in `room`: the flexible one (width 0) takes what the others leave,
    /// at least 8; a fixed one that does not fit whole is narrowed to what is left if its title
    /// still fits, and the ones after it are left out (0) rather than cut at the edge.
    static func widths(_ columns: [Column], _ room: Int) -> [Int] {
        // Every fixed column is followed by a gap of one; the flexible one keeps at least 8.
        var left = room - (columns.contains { $0.width == 0 } ? 8 : 0)
        var out = [Int](repeating: 0, count: columns.count)
        for (i, col) in columns.enumerated() where col.width > 0 && left > 0 {
            if col.width + 1 <= left { out[i] = col.width; left -= col.width + 1; continue }
            if left - 1 >= max(4, TextWidth.of(col.title)) { out[i] = left - 1 }
            left = 0
        }
        let used = out.reduce(0) { $0 + ($1 > 0 ? $1 + 1 : 0) }
        for (i, col) in columns.enumerated() where col.width == 0 { out[i] = max(8, room - used) }
        return out
    }

    func draw(_ c: inout Canvas, _ app: App) {
        if seenStatus == Int.max { seenStatus = app.statusSerial }
        let t = app.theme
        let r = Rect(x: 0, y: 0, width: c.width, height: c.height - 1)
        c.fill(r, t[.pane])
        c.frame(r, t[.borderActive], title: title, titleStyle: t[.headerActive])
        let inner = r.inset(1)
        let widths = Self.widths(columns, inner.width)
        var x = inner.x
        for (i, col) in columns.enumerated() where widths[i] > 0 {
            c.put(pad(col.title, widths[i], right: col.right), x: x, y: inner.y, t[.columns], limit: inner.maxX)
            x += widths[i] + 1
        }
        let listTop = inner.y + 1, height = inner.height - 2
        if cursor < top { top = cursor }
        if cursor >= top + height { top = cursor - height + 1 }
        if let problem {
            var y = listTop
            for line in TextWidth.wrap(problem, inner.width - 2) where y < inner.maxY { c.put(line, x: inner.x + 1, y: y, t[.error]); y += 1 }
        } else if loading && rows.isEmpty {
            c.put("\(app.spinner) loading…", x: inner.x + 1, y: listTop, t[.dim])
        } else if rows.isEmpty {
            c.put("(nothing here)", x: inner.x + 1, y: listTop, t[.dim])
        }
        for (n, i) in (top..<min(rows.count, top + height)).enumerated() {
            let style = t[i == cursor ? .cursor : .pane]
            let y = listTop + n
            c.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style)
            var x = inner.x
            for (k, cell) in rows[i].enumerated() where k < columns.count && widths[k] > 0 {
                let text = TextWidth.printable(cell)
                c.put(columns[k].width == 0 ? pad(TextWidth.fitMiddle(text, widths[k]), widths[k], right: false) : pad(text, widths[k], right: columns[k].right),
                      x: x, y: y, style, limit: inner.maxX)
                x += widths[k] + 1
            }
        }
        c.fill(Rect(x: 0, y: c.height - 1, width: c.width, height: 1), t[.status])
        if let find {
            let x = c.put(" find: ", x: 0, y: c.height - 1, t[.status])
            find.draw(&c, x: x, y: c.height - 1, width: c.width - x, t[.input])
        } else if app.statusSerial > seenStatus {
            let style = t[app.status.error ? .error : .status]
            c.fill(Rect(x: 0, y: c.height - 1, width: c.width, height: 1), style)
            c.put(" " + TextWidth.fitEnd(TextWidth.printable(app.status.text), c.width - 1), x: 0, y: c.height - 1, style)
        } else {
            c.put(" " + TextWidth.fitEnd(keysHelp + " · / find · Ctrl-R refresh · q close", c.width - 1), x: 0, y: c.height - 1, t[.status])
        }
    }
}
