import Commander
import Foundation

/// A compare of the two panes while its marks stand: which folders, and what each pane marked.
struct ComparedPanes {
    let comparison: Comparison
    let locations: [Location]
    var marks: [Set<String>]
}

extension PanesScreen {
    static func side(_ index: Int) -> CompareSide { index == 0 ? .left : .right }

    /// `=`: mc's "Compare directories". Quick or thorough, with or without subfolders; the
    /// compare runs as a job (a thorough one shows its progress in the jobs panel and can be
    /// cancelled there), and marks on each side what the other lacks or has different.
    func compare(_ app: App) {
        let l = panes[0], r = panes[1]
        guard l.found == nil, r.found == nil else {
            app.say("compare works on folders: leave the find results first (\(app.keyName(.parent, in: .findResults)))")
            return
        }
        let modes: [(String, CompareOptions)] = [
            ("Quick: name, size, modified time", CompareOptions(mode: .quick)),
            ("Thorough: content (checksums)", CompareOptions(mode: .thorough)),
            ("Quick, with subfolders", CompareOptions(mode: .quick, recursive: true)),
            ("Thorough, with subfolders", CompareOptions(mode: .thorough, recursive: true)),
        ]
        app.push(ChoiceDialog(title: "Compare panes",
                              lines: ["\(l.label) \(TextWidth.printable(l.location.path))",
                                      "with \(r.label) \(TextWidth.printable(r.location.path))", ""],
                              choices: modes.map(\.0), layout: .menu) { [unowned self] i, app in runCompare(modes[i].1, app) })
    }

    func runCompare(_ options: CompareOptions, _ app: App) {
        compared = nil
        let locations = panes.map(\.location)
        let what = options.mode == .thorough ? "thorough compare" : "compare"
        app.say("\(what)…")
        app.submit(.compare(folderItem(panes[0]), folderItem(panes[1]), options), what, resolver: FixedResolver()) { [unowned self] app, snaps in
            guard case .comparison(let c)? = snaps.first?.result else { return }
            showComparison(c, at: locations, app)
        }
    }

    /// Marks the difference on both panes and says the counts.
    func showComparison(_ c: Comparison, at locations: [Location], _ app: App) {
        guard panes.map(\.location) == locations, panes.allSatisfy({ $0.found == nil }) else {
            app.say("compare: a pane moved to another folder meanwhile; compare again")
            return
        }
        for (i, p) in panes.enumerated() { p.setMarks(named: c.marked(on: Self.side(i))) }
        compared = ComparedPanes(comparison: c, locations: locations, marks: panes.map(\.marks))
        let l = panes[0].label, r = panes[1].label
        var text = "compare: \(c.count(.onlyLeft)) only in \(l), \(c.count(.onlyRight)) only in \(r), "
            + "\(c.count(.differs)) differ, \(c.count(.identical)) identical"
        if !c.skipped.isEmpty { text += ", \(c.skipped.count) skipped (\(c.skipped.prefix(3).map(\.path).joined(separator: ", ")))" }
        app.say(c.isIdentical && c.skipped.isEmpty ? text + " — the same" : text + (c.isIdentical ? "" : " · \(app.keyName(.copy)) copies the marked difference"))
    }

    /// F5 right after a compare, marks and folders untouched: copies exactly the difference
    /// marked on this pane, each item into its relative folder on the other side. False when
    /// F5 should do its normal copy.
    func sendDifference(_ app: App) -> Bool {
        // Each pane on its own: marks changed on one side leave the other side's difference.
        guard let state = compared, panes.map(\.location) == state.locations, pane.found == nil, pane.marks == state.marks[active],
              !pane.marks.isEmpty else { return false }
        let from = pane, to = other, index = active
        let side = Self.side(index)
        let names = Set(from.markedEntries.map(\.name))
        let items = state.comparison.toSend(from: side, within: names)
        guard !items.isEmpty else { return false }
        let replacing = items.filter { $0.status == .differs }.count
        var lines = ["Copy the difference: \(items.count) item\(items.count == 1 ? "" : "s") from \(from.label)",
                     "to \(to.label) \(TextWidth.printable(to.location.path)), each into its own folder."]
        if replacing > 0 { lines.append("\(replacing) differ there: you are asked before one is replaced.") }
        app.push(ChoiceDialog(title: "Copy difference", lines: lines, choices: ["Send difference", "Normal copy…", "Cancel"]) { [unowned self] i, app in
            if i == 1 { compared = nil; transfer(move: false, app) }
            guard i == 0 else { return }
            from.clearMarks()
            compared?.marks[index] = []
            app.submit(.sendDifference(items, from: folderItem(from), side: side, into: folderItem(to)),
                       "copy the difference (\(items.count) item\(items.count == 1 ? "" : "s"))")
        })
        return true
    }
}
