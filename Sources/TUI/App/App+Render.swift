import Commander

extension App {
    /// The smallest size the layout is made for; below it a notice says so.
    static let minWidth = 40, minHeight = 10

    /// Draws everything into a fresh canvas: panes, jobs, status line, key bar, overlays.
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
        let leftWidth = width / 2
        layout = (width, paneHeight)
        let view = PaneView(theme: theme, spinner: spinner)
        if paneHeight > 0 {
            view.draw(panes[0], active: active == 0, into: &c, Rect(x: 0, y: 0, width: leftWidth, height: paneHeight))
            view.draw(panes[1], active: active == 1, into: &c, Rect(x: leftWidth, y: 0, width: width - leftWidth, height: paneHeight))
        }
        var y = paneHeight
        if panelHeight > 0 {
            JobsView(theme: theme).panel(jobsInOrder, into: &c, Rect(x: 0, y: y, width: width, height: panelHeight), spinner: spinner,
                                          keys: KeyBar.line(keymap, .jobs), limit: queue.limiter.rate)
            y += panelHeight
        }
        if summaryHeight > 0 {
            JobsView(theme: theme).summary(running, into: &c, y: y, width: width, spinner: spinner, jobsKey: keyName(.jobs))
            y += 1
        }
        drawStatus(&c, y: y)
        drawKeyBar(&c, y: height - 1)
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

    /// mc's bottom line: F-key numbers and what they do, from the keymap in force.
    private func drawKeyBar(_ c: inout Canvas, y: Int) {
        let labels = KeyBar.fKeys(keymap, paneContext).map(\.label)
        c.fill(Rect(x: 0, y: y, width: c.width, height: 1), theme[.keybarLabel])
        let slot = c.width / labels.count
        for (i, l) in labels.enumerated() {
            let x = i * slot
            let n = "\(i + 1)"
            let after = c.put(n, x: x, y: y, theme[.keybarKey])
            c.put(TextWidth.fitEnd(l, slot - n.count - (i == labels.count - 1 ? 0 : 1)), x: after, y: y, theme[.keybarLabel],
                  limit: i == labels.count - 1 ? c.width : x + slot - 1)
            if i < labels.count - 1 { c.put(" ", x: x + slot - 1, y: y, theme[.keybarKey]) }
        }
    }
}

/// A CommanderError in plain words: the pCloud code, then a hint of what to do.
enum ErrorHint {
    static func describe(_ e: CommanderError) -> String {
        let code = e.code != 0 ? "error \(e.code): " : ""
        let hint: String? = if let own = e.hint { own } else { switch e.code {
        case 1000, 2000, 2094, 2095: "sign in again"
        case 2003: "you have no permission for that item"
        case 2002, 2005, 2009: "it is gone — Ctrl-R refreshes"
        case 2008: "the account is full — empty the trash or delete something"
        case 2001, 2004: "pick another name"
        case 4000: "too many login attempts — wait a while"
        case 5001 where e.method == "downloadfile": "check that the URL opens in a browser"
        case 5000, 5001: "the server had a problem — try again"
        default: switch e.category {
            case .auth: "sign in again (pcmd login)"
            case .transient, .rateLimited: "try again in a moment"
            default: nil
            }
        } }
        return code + e.message + (hint.map { " — " + $0 } ?? "")
    }
}
