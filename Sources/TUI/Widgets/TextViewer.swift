/// A scrollable full-screen text: F3 view, help, info; its keys are the viewer's (search, next
/// match, close, …).
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
        lines = Preview.lines(of: text)
    }

    init(title: String, lines: [String]) { self.title = title; self.lines = lines }

    /// Rows of text the last frame showed (set by the view), for paging.
    var pageHeight = 20

    /// The help screen (its help key closes it).
    var isHelp = false

    var context: KeyContext { .viewer }

    /// The search line, while open, takes the keys.
    func type(_ key: Key, _ app: App) -> Bool {
        guard var s = search else { return false }
        switch key {
        case .escape: search = nil
        case .enter: needle = s.text; search = nil; find(from: top)
        default: _ = s.handle(key); search = s
        }
        return true
    }

    func perform(_ command: Command, _ app: App) -> Bool {
        switch command {
        case .close: return false
        case .up: top -= 1
        case .down: top += 1
        case .pageUp: top -= pageHeight
        case .pageDown: top += pageHeight
        case .top: top = 0
        case .bottom: top = lines.count
        case .search: search = LineEditor(needle)
        case .searchNext: find(from: (found ?? top) + 1)
        default: break
        }
        clampTop()
        return true
    }

    func mouse(_ m: MouseEvent, _ app: App) {
        if m.kind == .wheelUp { top -= 3 } else if m.kind == .wheelDown { top += 3 }
        clampTop()
    }

    private func clampTop() { top = max(0, min(top, lines.count + picture.count - pageHeight)) }

    private func find(from: Int) {
        guard !needle.isEmpty else { return }
        let n = needle.lowercased()
        let order = Array(max(0, from)..<lines.count) + Array(0..<min(max(0, from), lines.count))
        found = order.first { lines[$0].lowercased().contains(n) }
        if let f = found { top = max(0, f - 2) }
    }
}
