import Commander

/// Jobs as the panel and the one-line summary show them: a bar, bytes or files, rate, ETA.
@MainActor
struct JobsView {
    let theme: Theme

    func bar(_ fraction: Double, width: Int, into c: inout Canvas, x: Int, y: Int) {
        guard width > 0 else { return }
        let filled = Int((fraction.isFinite ? max(0, min(1, fraction)) : 0) * Double(width))
        c.put(String(repeating: " ", count: filled), x: x, y: y, theme[.progress])
        c.put(String(repeating: "·", count: width - filled), x: x + filled, y: y, theme[.progressEmpty])
    }

    func figures(_ j: JobSnapshot) -> String {
        var parts: [String] = []
        if j.bytesTotal > 0 { parts.append("\(Units.bytes(j.bytesDone))/\(Units.bytes(j.bytesTotal))") }
        else if j.bytesDone > 0 { parts.append(Units.bytes(j.bytesDone)) }
        if j.filesTotal > 1 { parts.append("\(j.filesDone)/\(j.filesTotal) files") }
        if j.state == .running, j.rate > 0 { parts.append(Units.rate(j.rate)) }
        if j.state == .running, let eta = j.eta { parts.append("ETA \(Units.clock(eta))") }
        return parts.joined(separator: "  ")
    }

    /// `done with 2 skipped: /tmp/a/bad-\xff.txt: the name is not valid UTF-8, …`
    static func skippedText(_ j: JobSnapshot) -> String {
        guard let first = j.skipped.first else { return "" }
        return "done with \(j.skipped.count) skipped: \(first.path): \(first.reason)"
            + (j.skipped.count > 1 ? " (and \(j.skipped.count - 1) more)" : "")
    }

    func stateText(_ j: JobSnapshot, spinner: String) -> String {
        switch j.state {
        case .queued: "queued"
        case .running: spinner + " \(Int(j.fraction * 100))%"
        case .done: "done"
        case .failed: "FAILED"
        case .cancelled: "cancelled"
        case .paused: "paused"
        case .interrupted: "interrupted"
        }
    }

    /// The line above the status line while jobs run.
    /// `jobsKey`: the key that opens the panel, from the keymap.
    func summary(_ running: [JobSnapshot], into c: inout Canvas, y: Int, width: Int, spinner: String, jobsKey: String) {
        c.fill(Rect(x: 0, y: y, width: width, height: 1), theme[.jobs])
        guard let first = running.min(by: { $0.id < $1.id }) else { return }
        let more = running.count > 1 ? " (+\(running.count - 1) more)" : ""
        let head = " \(spinner) \(first.title)\(more) "
        // The figures at the right end (the "J jobs" hint only where it fits), the title up to
        // half the line but leaving a bar of 8 between them where there is room; cut, not lost.
        var figs = " " + figures(first) + " · \(jobsKey) jobs "
        if TextWidth.of(figs) > width - 12 { figs = " " + figures(first) + " " }
        let headRoom = max(10, min(width / 2, width - TextWidth.of(figs) - 9))
        let x = c.put(TextWidth.fitEnd(TextWidth.printable(head), headRoom), x: 0, y: y, theme[.jobs])
        figs = TextWidth.fitEnd(figs, width - x)
        let barWidth = width - x - TextWidth.of(figs) - 1
        if barWidth >= 4 { bar(first.fraction, width: barWidth, into: &c, x: x, y: y) }
        c.put(figs, x: width - TextWidth.of(figs), y: y, theme[.jobs])
    }

    /// Rows the panel takes above the status and key lines: up to half the screen, or all of
    /// it where the panes would be left too short to draw (below 4 rows, as at 40×10).
    static func panelHeight(_ jobs: [JobSnapshot], screenHeight: Int) -> Int {
        let h = min(max(6, rows(jobs).count + 3), screenHeight / 2)
        return screenHeight - 2 - h < 4 ? screenHeight - 2 : h
    }

    /// The jobs panel: one row per job, newest at the bottom; the bandwidth `limit` in its title.
    /// Its keys are on the bottom line while it has the keys (`JobsScreen`), as a list screen's.
    /// Returns the first row drawn, for the next frame's `first`: the rows then move only when
    /// the cursor's job would leave them (nil: the newest rows).
    @discardableResult
    func panel(_ jobs: [JobSnapshot], into c: inout Canvas, _ r: Rect, spinner: String, cursor: Int? = nil,
               first shownBefore: Int? = nil, limit: BandwidthRate? = nil) -> Int {
        c.fill(r, theme[.pane])
        c.frame(r, theme[.borderActive], title: "Jobs" + (limit.map { " (limit \($0))" } ?? ""), titleStyle: theme[.headerActive])
        let inner = r.inset(1)
        if jobs.isEmpty { c.put("no jobs yet", x: inner.x + 1, y: inner.y, theme[.dim]); return 0 }
        let titleWidth = max(10, inner.width / 3)
        // Ids right-aligned to the widest, so the columns stay put past #9.
        let idWidth = jobs.map { TextWidth.of($0.id.description) }.max() ?? 2
        // "interrupted" is wider than the usual states: that column grows only while one is shown.
        let stateWidth = max(9, jobs.map { TextWidth.of(stateText($0, spinner: spinner)) }.max() ?? 0)
        let rows = Self.rows(jobs)
        let last = max(0, rows.count - inner.height)
        var first = min(shownBefore ?? last, last)
        if let cursor, let at = rows.firstIndex(where: { $0.job == cursor && $0.part == nil }) {
            first = min(max(first, at - inner.height + 1), at)
        }
        for (row, line) in rows[first...].prefix(inner.height).enumerated() {
            let y = inner.y + row, j = jobs[line.job]
            if let part = line.part {
                self.part(part, of: j, into: &c, Rect(x: inner.x, y: y, width: inner.width, height: 1), titleWidth: titleWidth + idWidth - 2 + stateWidth - 9)
                continue
            }
            let selected = cursor == line.job
            let style = theme[selected ? .cursor : j.state == .failed ? .error : .pane]
            c.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style)
            let state = pad(stateText(j, spinner: spinner), stateWidth, right: false)
            var x = c.put("\(pad(j.id.description, idWidth, right: true)) \(state) ", x: inner.x, y: y, style)
            x = c.put(pad(TextWidth.printable(j.title), titleWidth, right: false), x: x, y: y, style, limit: inner.maxX) + 1
            let detail = j.state == .failed ? (j.error.map { ErrorHint.describe($0) } ?? "")
                : (j.skipped.isEmpty ? figures(j) : TextWidth.printable(Self.skippedText(j)))
                    + (j.notes.first.map { " · " + TextWidth.printable($0) } ?? "")
            let barWidth = j.state == .failed ? 0 : min(20, max(0, inner.maxX - x - TextWidth.of(detail) - 2))
            if barWidth > 4 { bar(j.fraction, width: barWidth, into: &c, x: x, y: y); x += barWidth + 1 }
            c.put(detail, x: x, y: y, style, limit: inner.maxX)
        }
        return first
    }

    /// The panel's lines: each job, then its parts (the URLs of a fetch, bytes each) while it
    /// runs or after it failed.
    static func rows(_ jobs: [JobSnapshot]) -> [(job: Int, part: JobPart?)] {
        var out: [(job: Int, part: JobPart?)] = []
        for (i, j) in jobs.enumerated() {
            out.append((i, nil))
            if j.state == .running || j.state == .failed { out += j.parts.map { (i, $0) } }
        }
        return out
    }

    /// `   ↳ debian.iso          [████····]  12.0 MiB/20.0 MiB  downloading`
    func part(_ p: JobPart, of j: JobSnapshot, into c: inout Canvas, _ r: Rect, titleWidth: Int) {
        let style = theme[p.state == .failed ? .error : .pane]
        c.fill(r, style)
        var x = c.put(pad("   ↳ " + TextWidth.printable(p.name), 10 + titleWidth, right: false), x: r.x, y: r.y, style, limit: r.maxX) + 1
        let bytes = p.bytesTotal.map { "\(Units.bytes(p.bytesDone))/\(Units.bytes($0))" } ?? Units.bytes(p.bytesDone)
        let state = switch p.state {
        case .waiting: "waiting"
        case .working: "downloading"
        case .done: "done"
        case .failed: "failed"
        }
        let detail = "\(bytes)  \(state)"
        if let total = p.bytesTotal, total > 0 {
            let barWidth = min(20, max(0, r.maxX - x - TextWidth.of(detail) - 2))
            if barWidth > 4 { bar(Double(p.bytesDone) / Double(total), width: barWidth, into: &c, x: x, y: r.y); x += barWidth + 1 }
        }
        c.put(detail, x: x, y: r.y, style, limit: r.maxX)
    }
}
