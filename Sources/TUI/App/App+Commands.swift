import Commander
import Foundation
import HomeFolders

extension App {
    /// One switch from command to behaviour; keys, the F9 menu and mouse all end here.
    public func perform(_ command: Command) {
        let p = pane
        let page = max(1, pageHeight)
        switch command {
        case .up: p.cursor -= 1; p.clamp()
        case .down: p.cursor += 1; p.clamp()
        case .pageUp: p.cursor -= page; p.clamp()
        case .pageDown: p.cursor += page; p.clamp()
        case .top: p.cursor = 0
        case .bottom: p.cursor = max(0, p.rows.count - 1)
        case .open: open()
        case .parent:
            if !p.filter.isEmpty { p.filter = ""; return }
            if p.found != nil { return reload(p, to: p.location, focus: p.current?.name) }
            if let up = p.location.parent { reload(p, to: up, focus: p.location.name) }
        case .otherPane: active = 1 - active
        case .back: if let l = p.back() { reloadHistory(p, l) }
        case .forward: if let l = p.forward() { reloadHistory(p, l) }
        case .goTo:
            push(InputDialog(title: "Go to", prompt: "Folder on \(p.label) (absolute, or relative to \(p.location.path)):",
                             text: "") { text, app in app.goTo(text) })
        case .refresh: reload(p); if p.side == .cloud { refreshQuota() }
        case .bookmarkAdd: addBookmark()
        case .bookmarkJump: jumpToBookmark()
        case .mark: p.toggleMark(); p.cursor += 1; p.clamp()
        case .invertMarks: p.invertMarks()
        case .markPattern, .unmarkPattern:
            let on = command == .markPattern
            push(InputDialog(title: on ? "Mark" : "Unmark", prompt: "Files matching (* and ? as in the shell):", text: "*") { text, app in
                guard let n = app.attempt("mark", { try app.pane.mark(pattern: text, on) }) else { return }
                app.say("\(on ? "marked" : "unmarked") \(n) file\(n == 1 ? "" : "s") matching \(text)")
            })
        case .filter: push(FilterBar(pane: p, mode: .filter))
        case .quickJump: push(FilterBar(pane: p, mode: .jump))
        case .toggleHidden: p.showHidden.toggle(); say(p.showHidden ? "showing hidden files" : "hiding hidden files")
        case .sortMenu: sortMenu()
        case .view: view()
        case .edit: edit()
        case .copy: transfer(move: false)
        case .move: transfer(move: true)
        case .rename: rename()
        case .mkdir: mkdir()
        case .delete: delete()
        case .info: info()
        case .compare: compare()
        case .publink: publink()
        case .share: share()
        case .zip: zip()
        case .extract: extract()
        case .revisions: revisions()
        case .find: find()
        case .fetch: fetchFromWeb()
        case .jobs: showStoredJobs(); push(JobsScreen())
        case .trash: push(TrashScreen(app: self))
        case .shares: push(SharesScreen(app: self))
        case .publinks: push(PublinksScreen(app: self))
        case .uploadLinks: push(UploadLinksScreen(app: self))
        case .help: push(HelpScreen.make(keymap, context))
        case .menu: push(MenuScreen.make(keymap, context))
        case .quit: quit()
        default: break   // a command of another context: the keymap never sends one here
        }
    }

    /// Rows of entries a pane shows (frame, titles and footer take four).
    var pageHeight: Int { layout.paneHeight - 4 }

    func reloadHistory(_ p: Pane, _ l: Location) {
        _ = p.navigate(l, recordHistory: false)
        reload(p)
    }

    func open() {
        let p = pane
        guard let e = p.current else { return }
        if p.found != nil { return openFound(p, e) }
        if e.isFolder || (e.kind == .symlink && p.side == .local && isDirectory(e.path)) {
            reload(p, to: p.location.child(e.name))
        } else {
            view()
        }
    }

    private func isDirectory(_ path: String?) -> Bool {
        var dir: ObjCBool = false
        return path.map { FileManager.default.fileExists(atPath: $0, isDirectory: &dir) && dir.boolValue } ?? false
    }

    func goTo(_ text: String) {
        let p = pane
        var t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { return }
        if p.side == .local { t = HomeFolders().expandingTilde(t) }
        if t.hasPrefix("pc:") { t = String(t.dropFirst(3)); if t.isEmpty { t = "/" } }
        let base = t.hasPrefix("/") ? Location.path("/") : p.location
        var l = base
        for part in t.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": l = l.parent ?? l
            default: l = l.child(String(part))
            }
        }
        reload(p, to: l)
    }

    func addBookmark() {
        let p = pane
        push(InputDialog(title: "Bookmark", prompt: "A letter or name for \(p.location.path):", text: "") { key, app in
            guard !key.isEmpty else { return }
            if let problem = app.bookmarks.set(key, p.side, p.location) { app.status = (problem, true); return }
            app.say("bookmarked \(p.location.path) as '\(key)'")
        })
    }

    func jumpToBookmark() {
        let p = pane
        let mine = bookmarks.on(p.side)
        guard !mine.isEmpty else { say("no bookmarks on this side yet — \(keyName(.bookmarkAdd)) adds one"); return }
        push(ChoiceDialog(title: "Bookmarks", lines: [], choices: mine.map { "\($0.name)  \($0.location.path)" },
                          layout: .menu) { i, app in app.reload(p, to: mine[i].location) })
    }

    func sortMenu() {
        let p = pane
        let keys = SortOrder.Key.allCases
        let mark = { (k: SortOrder.Key) in p.sort.key == k ? "• " : "  " }
        let choices = keys.map { mark($0) + "by \($0.rawValue)" }
            + ["\(p.sort.reverse ? "[x]" : "[ ]") reverse", "\(p.sort.foldersFirst ? "[x]" : "[ ]") folders first",
               "\(p.sort.natural ? "[x]" : "[ ]") natural order (f2 before f10)"]
        push(ChoiceDialog(title: "Sort", lines: [], choices: choices, layout: .menu,
                          selected: keys.firstIndex(of: p.sort.key) ?? 0) { i, app in
            switch i - keys.count {
            case ..<0: p.sort.key = keys[i]
            case 0: p.sort.reverse.toggle()
            case 1: p.sort.foldersFirst.toggle()
            default: p.sort.natural.toggle()
            }
            app.say("sorted by \(p.sort.key.rawValue)\(p.sort.reverse ? ", reversed" : "")\(p.sort.foldersFirst ? ", folders first" : "")"
                    + (p.sort.natural ? "" : ", plain byte order"))
        })
    }

    func quit() {
        let running = jobs.values.filter { $0.state.isActive }.count
        guard running > 0 else { self.running = false; return }
        push(ChoiceDialog(title: "Quit", lines: ["\(running) job\(running == 1 ? " is" : "s are") still running.",
                                                 "Quitting cancels \(running == 1 ? "it" : "them")."],
                          choices: ["Quit", "Stay"], selected: 1) { i, app in if i == 0 { app.running = false } })
    }

    func mouse(_ m: MouseEvent) {
        let leftWidth = layout.width / 2
        let side = m.x < leftWidth ? 0 : 1
        let p = panes[side]
        switch m.kind {
        case .wheelUp: p.cursor -= 3; p.clamp()
        case .wheelDown: p.cursor += 3; p.clamp()
        case .click, .doubleClick:
            active = side
            let row = m.y - 2 + p.top
            if m.y >= 2, m.y < layout.paneHeight - 2, row >= 0, row < p.rows.count { p.cursor = row }
            if m.kind == .doubleClick { open() }
        }
    }
}
