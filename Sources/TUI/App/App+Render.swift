import Commander

extension App {
    /// The smallest size the layout is made for; below it a notice says so.
    static let minWidth = 40, minHeight = 10

    /// Draws everything into a fresh canvas: the panes screen, jobs, status line, key bar, overlays.
    public func render(width: Int, height: Int) -> Canvas {
        var c = Canvas(width: width, height: height)
        guard width >= Self.minWidth, height >= Self.minHeight else {
            c.fill(c.bounds, theme[.pane])
            let lines = ["terminal too small", "\(width)×\(height), need \(Self.minWidth)×\(Self.minHeight)"]
            for (i, l) in lines.enumerated() where i < height {
                c.put(l, x: max(0, (width - TextWidth.of(l)) / 2), y: max(0, height / 2 - 1 + i), theme[.error])
            }
            return c
        }
        let running = jobs.values.filter { $0.state.isActive }
        let summaryHeight = running.isEmpty || jobsPanel ? 0 : 1
        let panelHeight = jobsPanel ? JobsView.panelHeight(jobsInOrder, screenHeight: height) : 0
        // An error too long for the status line takes rows from the panes, as many as its words
        // need while the panes keep `minPaneRows`: its hint, at the end, says what to do. So does
        // a greeting until something else is said: it tells a newcomer where they are.
        var statusLines = [statusText]
        if status.error || greetsAtStart && statusSerial == 0, TextWidth.of(statusText) > width - 2 {
            statusLines = TextWidth.wrap(statusText, width - 2)
        }
        let room = height - 2 - summaryHeight - panelHeight
        let statusHeight = max(1, min(statusLines.count, room - Self.minPaneRows + 1))
        let paneHeight = room - (statusHeight - 1)
        panesScreen.draw(&c, height: paneHeight, self)
        var y = paneHeight
        if panelHeight > 0 {
            JobsView(theme: theme).panel(jobsInOrder, into: &c, Rect(x: 0, y: y, width: width, height: panelHeight), spinner: spinner,
                                          limit: queue.limiter.rate)
            y += panelHeight
        }
        if summaryHeight > 0 {
            JobsView(theme: theme).summary(running, into: &c, y: y, width: width, spinner: spinner, jobsKey: keyName(.jobs))
            y += 1
        }
        drawStatus(&c, y: y, lines: statusLines, rows: statusHeight)
        panesScreen.drawKeyBar(&c, y: height - 1, self)
        for o in overlays { c.cursor = nil; o.draw(&c, self) }
        return c
    }

    var jobsInOrder: [JobSnapshot] { jobs.values.sorted { $0.id < $1.id } }

    /// Rows the panes keep when an error takes more of the status line: frame, header, one entry.
    static let minPaneRows = 4

    /// The status line's text as drawn: a pending key sequence, else the message, made safe.
    private var statusText: String {
        TextWidth.printable(pendingKeys.isEmpty ? status.text : pendingKeys.map(\.name).joined(separator: " ") + "-")
    }

    /// `lines` in `rows` rows from `y`; what does not fit is cut at the end of the last.
    private func drawStatus(_ c: inout Canvas, y: Int, lines: [String], rows: Int) {
        let style = theme[status.error ? .error : .status]
        c.fill(Rect(x: 0, y: y, width: c.width, height: rows), style)
        for row in 0..<rows {
            let text = row == rows - 1 ? lines[row...].joined(separator: " ") : lines[row]
            c.put(" " + TextWidth.fitEnd(text, c.width - 2), x: 0, y: y + row, style)
        }
    }
}
