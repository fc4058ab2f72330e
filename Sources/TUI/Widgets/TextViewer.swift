/// A scrollable full-screen text: F3 view, help, info. `/` searches, `n` finds the next match,
/// q/Esc/F3/F10 close.
final class TextViewer: Overlay {
    let title: String
    var lines: [String]
    var styledLines: [Int: Role] = [:]
    var top = 0
    var search: LineEditor?
    var needle = ""
    var found: Int?
    /// Drawn above the text (a thumbnail as half blocks).
    var picture: [[Cell]] = []

    init(title: String, text: String) {
        self.title = title
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
    }

    init(title: String, lines: [String]) { self.title = title; self.lines = lines }

    private var pageHeight = 20

    func handle(_ key: Key, _ app: App) -> Bool {
        if var s = search {
            switch key {
            case .escape: search = nil
            case .enter: needle = s.text; search = nil; find(from: top)
            default: _ = s.handle(key); search = s
            }
            return true
        }
        switch key {
        case .escape, .char("q"), .f(3), .f(10), .f(1): return false
        case .up, .char("k"): top -= 1
        case .down, .char("j"), .enter: top += 1
        case .pageUp, .ctrl("b"), .backspace: top -= pageHeight
        case .pageDown, .ctrl("f"), .char(" "): top += pageHeight
        case .home, .char("g"): top = 0
        case .end, .char("G"): top = lines.count
        case .char("/"): search = LineEditor(needle)
        case .char("n"): find(from: (found ?? top) + 1)
        case .mouse(let m) where m.kind == .wheelUp: top -= 3
        case .mouse(let m) where m.kind == .wheelDown: top += 3
        default: break
        }
        top = max(0, min(top, lines.count + picture.count - pageHeight))
        return true
    }

    private func find(from: Int) {
        guard !needle.isEmpty else { return }
        let n = needle.lowercased()
        let order = Array(max(0, from)..<lines.count) + Array(0..<min(max(0, from), lines.count))
        found = order.first { lines[$0].lowercased().contains(n) }
        if let f = found { top = max(0, f - 2) }
    }

    func draw(_ c: inout Canvas, _ app: App) {
        let r = Rect(x: 0, y: 0, width: c.width, height: c.height - 1)
        c.fill(r, app.theme[.pane])
        c.frame(r, app.theme[.borderActive], title: title, titleStyle: app.theme[.headerActive])
        let inner = r.inset(1)
        pageHeight = max(1, inner.height)
        let all = picture.count
        for row in 0..<inner.height {
            let i = top + row
            if i < all {
                for (x, cell) in picture[i].prefix(inner.width).enumerated() { c[inner.x + x, inner.y + row] = cell }
                continue
            }
            let li = i - all
            guard li < lines.count else { break }
            let role = li == found ? Role.marked : styledLines[li] ?? .pane
            c.put(TextWidth.printable(lines[li].replacingOccurrences(of: "\t", with: "    ")), x: inner.x, y: inner.y + row,
                  app.theme[role], limit: inner.maxX)
        }
        let status = search.map { _ in "/" } ?? " \(min(lines.count, top + 1))/\(lines.count) · / search · n next · q close "
        if let s = search {
            c.put("/", x: 0, y: c.height - 1, app.theme[.status])
            s.draw(&c, x: 1, y: c.height - 1, width: c.width - 1, app.theme[.input])
        } else {
            c.fill(Rect(x: 0, y: c.height - 1, width: c.width, height: 1), app.theme[.status])
            c.put(status, x: 0, y: c.height - 1, app.theme[.status])
        }
    }
}
