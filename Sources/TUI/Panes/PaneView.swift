import Commander
import Foundation

/// Draws a pane: frame with the drive and path, column titles, the visible window of rows, a
/// footer with marks or the cursor's entry, and quota for the cloud.
@MainActor
struct PaneView {
    let theme: Theme
    let spinner: String

    static let sizeWidth = 9
    static let dateWidth = 12

    func draw(_ pane: Pane, active: Bool, into c: inout Canvas, _ r: Rect) {
        guard r.width >= 6, r.height >= 4 else { return }
        let border = theme[active ? .borderActive : .border]
        c.fill(r, theme[.pane])
        c.frame(r, border)
        // Header: drive label (SANDBOX plainly) and the path, cut in the middle if long.
        var x = r.x + 1
        if pane.isSandbox { x = c.put(" SANDBOX ", x: x, y: r.y, theme[.sandbox], limit: r.maxX - 1) }
        let label = pane.isSandbox ? "" : pane.label + ":"
        let room = r.maxX - 2 - x - 2
        let shown = pane.found.map { "find “\($0.text)” in \(pane.location.path)" } ?? pane.location.path
        let path = TextWidth.fitMiddle(TextWidth.printable(shown), max(1, room - TextWidth.of(label)))
        c.put(" \(label)\(path) ", x: x, y: r.y, theme[active ? .headerActive : .header], limit: r.maxX - 1)

        let inner = r.inset(1)
        let showDate = inner.width >= 34
        let showSize = inner.width >= 18
        let nameWidth = inner.width - (showSize ? Self.sizeWidth + 1 : 0) - (showDate ? Self.dateWidth + 1 : 0)
        // Column titles.
        c.put("Name", x: inner.x + max(0, (nameWidth - 4) / 2), y: inner.y, theme[.columns], limit: inner.x + nameWidth)
        var col = inner.x + nameWidth
        if showSize { c.put("│", x: col, y: inner.y, border); c.put(pad("Size", Self.sizeWidth, right: true), x: col + 1, y: inner.y, theme[.columns]); col += Self.sizeWidth + 1 }
        if showDate { c.put("│", x: col, y: inner.y, border); c.put(pad("Modified", Self.dateWidth, right: false), x: col + 1, y: inner.y, theme[.columns]) }

        let listTop = inner.y + 1
        let listHeight = inner.height - 2
        pane.scroll(height: listHeight)
        switch pane.load {
        case .loading where pane.rows.isEmpty:
            c.put("\(spinner) \(pane.found == nil ? "listing" : "searching")…", x: inner.x + 1, y: listTop, theme[.dim], limit: inner.maxX)
        case .failed(let why) where pane.rows.isEmpty:
            c.put(TextWidth.fitEnd(TextWidth.printable(why), inner.width - 1), x: inner.x + 1, y: listTop, theme[.error], limit: inner.maxX)
        default:
            break
        }
        if pane.load == .ready, pane.rows.isEmpty {
            c.put(!pane.filter.isEmpty ? "(nothing matches “\(pane.filter)”)" : pane.found != nil ? "(nothing found)" : "(empty folder)", x: inner.x + 1, y: listTop, theme[.dim], limit: inner.maxX)
        }
        let end = min(pane.rows.count, pane.top + listHeight)
        if pane.top < end {
            for i in pane.top..<end {
                drawRow(pane, i, active: active, y: listTop + i - pane.top, x: inner.x, nameWidth: nameWidth, showSize: showSize, showDate: showDate, into: &c, border: border)
            }
        }
        // Column separators down to the footer; not across the line that says why there are no rows.
        let sep = inner.x + nameWidth
        for y in listTop + max(end - pane.top, pane.rows.isEmpty ? 1 : 0)..<(listTop + listHeight) {
            if showSize { c.put("│", x: sep, y: y, border) }
            if showDate { c.put("│", x: sep + Self.sizeWidth + 1, y: y, border) }
        }
        drawFooter(pane, into: &c, y: inner.maxY - 1, inner, border: border)
    }

    private func drawRow(_ pane: Pane, _ i: Int, active: Bool, y: Int, x: Int, nameWidth: Int, showSize: Bool, showDate: Bool,
                         into c: inout Canvas, border: Style) {
        let e = pane.entries[pane.rows[i]]
        let marked = pane.marks.contains(e.id)
        let isCursor = i == pane.cursor
        var role = FileKind.role(e)
        if e.kind == .symlink, let p = e.path, !FileManager.default.fileExists(atPath: p) { role = .broken }
        let style: Style
        if isCursor && active { style = theme[marked ? .markedCursor : .cursor] }
        else if marked { style = theme[.marked] }
        else if isCursor { style = merge(theme[role], theme[.cursorInactive]) }
        else { style = theme[role] }
        let width = nameWidth + (showSize ? Self.sizeWidth + 1 : 0) + (showDate ? Self.dateWidth + 1 : 0)
        c.fill(Rect(x: x, y: y, width: width, height: 1), style)
        let prefix = e.isFolder ? "/" : e.kind == .symlink ? "@" : marked ? "*" : " "
        let name = TextWidth.fitMiddle(TextWidth.printable(pane.shownName(e)), nameWidth - 1)
        c.put(prefix + name, x: x, y: y, style, limit: x + nameWidth)
        var col = x + nameWidth
        if showSize {
            c.put("│", x: col, y: y, isCursor && active ? style : border)
            let size = e.isFolder ? (pane.side == .cloud && !e.ismine ? "<SHARED>" : "<DIR>") : e.detailsPending ? "" : Units.bytes(e.size)
            c.put(pad(size, Self.sizeWidth, right: true), x: col + 1, y: y, style)
            col += Self.sizeWidth + 1
        }
        if showDate {
            c.put("│", x: col, y: y, isCursor && active ? style : border)
            c.put(pad(e.detailsPending ? "" : DateText.short(e.modified), Self.dateWidth, right: false), x: col + 1, y: y, style)
        }
    }

    private func drawFooter(_ pane: Pane, into c: inout Canvas, y: Int, _ inner: Rect, border: Style) {
        c.put(String(repeating: "─", count: inner.width), x: inner.x, y: y, border)
        var text: String
        let marked = pane.markedEntries
        if !marked.isEmpty {
            text = " \(marked.count) marked, \(Units.bytes(pane.markedBytes)) "
        } else if let e = pane.current {
            text = " " + TextWidth.printable(e.name) + (e.isFolder ? "" : "  " + Units.bytes(e.size)) + " "
        } else {
            text = " \(pane.rows.count) entries "
        }
        if !pane.filter.isEmpty { text = " filter: \(pane.filter) ·" + text }
        if let f = pane.found {
            let state = f.searching ? "searching…" : f.elapsed.map { "in \(Int(($0 * 1000).rounded())) ms" } ?? ""
            let skipped = f.skipped > 0 ? ", \(f.skipped) unreadable" : ""
            text = " \(pane.entries.count) found \(state)\(skipped) ·" + text
        }
        var right = ""
        if let q = pane.quota, q.total > 0, marked.isEmpty {
            right = " \(Units.bytes(q.free)) free "
        }
        // A narrow pane keeps its room for the entry rather than for the free space.
        if TextWidth.of(right) >= inner.width - 8 { right = "" }
        let rw = TextWidth.of(right)
        let style = theme[marked.isEmpty ? .footer : .marked]
        c.put(TextWidth.fitMiddle(text, max(0, inner.width - rw - 1)), x: inner.x, y: y, style, limit: inner.maxX - rw)
        if rw > 0 { c.put(right, x: inner.maxX - rw, y: y, theme[.footer]) }
    }

    private func merge(_ base: Style, _ over: Style) -> Style {
        var s = base
        s.underline = s.underline || over.underline
        s.bold = s.bold || over.bold
        return s
    }
}

/// Left- or right-aligned in exactly `width` columns.
func pad(_ s: String, _ width: Int, right: Bool) -> String {
    let t = TextWidth.fitEnd(s, width)
    let gap = String(repeating: " ", count: max(0, width - TextWidth.of(t)))
    return right ? gap + t : t + gap
}

/// `Nov 23 13:05` for the last six months, `Nov 23  2024` before (ls and mc do the same).
/// Formatted with localtime_r: a DateFormatter costs ICU's start-up on the first frame.
enum DateText {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func parts(_ d: Date) -> tm {
        // Clamped to ±10^15 s: a server's time can be anything, and time_t(Double) traps past Int.max.
        let seconds = d.timeIntervalSince1970.rounded(.down)
        var t = time_t(seconds.isNaN ? 0 : max(-1e15, min(1e15, seconds)))
        var out = tm()
        localtime_r(&t, &out)
        return out
    }

    /// Two digits. (String(format:) casts each argument dynamically, and on a first frame
    /// every first cast scans all of the binary's protocol conformances.)
    private static func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func short(_ d: Date, now: Date = Date()) -> String {
        let t = parts(d)
        let day = months[Int(t.tm_mon)] + " " + two(t.tm_mday)
        return abs(now.timeIntervalSince(d)) < 180 * 86400
            ? day + " " + two(t.tm_hour) + ":" + two(t.tm_min)
            : day + "  \(Int(t.tm_year) + 1900)"
    }

    static func full(_ d: Date) -> String {
        let t = parts(d)
        return "\(Int(t.tm_year) + 1900)-\(two(t.tm_mon + 1))-\(two(t.tm_mday)) \(two(t.tm_hour)):\(two(t.tm_min)):\(two(t.tm_sec))"
    }
}
