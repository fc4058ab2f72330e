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
        let paneHeight = height - 2 - summaryHeight - panelHeight
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
        drawStatus(&c, y: y)
        panesScreen.drawKeyBar(&c, y: height - 1, self)
        for o in overlays { c.cursor = nil; o.draw(&c, self) }
        return c
    }

    var jobsInOrder: [JobSnapshot] { jobs.values.sorted { $0.id < $1.id } }

    private func drawStatus(_ c: inout Canvas, y: Int) {
        let style = theme[status.error ? .error : .status]
        c.fill(Rect(x: 0, y: y, width: c.width, height: 1), style)
        var text = status.text
        if !pendingKeys.isEmpty { text = pendingKeys.map(\.name).joined(separator: " ") + "-" }
        c.put(" " + TextWidth.fitEnd(TextWidth.printable(text), c.width - 2), x: 0, y: y, style)
    }
}
