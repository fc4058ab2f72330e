import Commander
import Foundation
import HomeFolders

/// The panes' update: one switch from command to behaviour; keys, the F9 menu and mouse all end here.
extension PanesScreen {
    func perform(_ command: Command, _ app: App) {
        let p = pane
        let page = max(1, pageHeight)
        switch command {
        case .up: p.cursor -= 1; p.clamp()
        case .down: p.cursor += 1; p.clamp()
        case .pageUp: p.cursor -= page; p.clamp()
        case .pageDown: p.cursor += page; p.clamp()
        case .top: p.cursor = 0
        case .bottom: p.cursor = max(0, p.rows.count - 1)
        case .open: open(app)
        case .parent:
            if !p.filter.isEmpty { p.filter = ""; return }
            if p.found != nil { return reload(p, to: p.location, focus: p.current?.name, app) }
            if let up = p.location.parent { reload(p, to: up, focus: p.location.name, app) }
        case .otherPane: active = 1 - active
        case .back: if let l = p.back() { reloadHistory(p, l, app) }
        case .forward: if let l = p.forward() { reloadHistory(p, l, app) }
        case .goTo:
            app.push(InputDialog(title: "Go to", prompt: "Folder on \(p.label) (absolute, or relative to \(p.location.path)):",
                                 text: "") { text, app in app.panesScreen.goTo(text, app) })
        case .refresh: reload(p, app); if p.side == .cloud { refreshQuota(app) }
        case .bookmarkAdd: addBookmark(app)
        case .bookmarkJump: jumpToBookmark(app)
        case .mark: p.toggleMark(); p.cursor += 1; p.clamp()
        case .invertMarks: p.invertMarks()
        case .markPattern, .unmarkPattern:
            let on = command == .markPattern
            app.push(InputDialog(title: on ? "Mark" : "Unmark", prompt: "Files matching (* and ? as in the shell):", text: "*") { text, app in
                guard let n = app.attempt("mark", { try p.mark(pattern: text, on) }) else { return }
                app.say("\(on ? "marked" : "unmarked") \(n) file\(n == 1 ? "" : "s") matching \(text)")
            })
        case .filter: app.push(FilterBar(pane: p, mode: .filter))
        case .quickJump: app.push(FilterBar(pane: p, mode: .jump))
        case .toggleHidden: p.showHidden.toggle(); app.say(p.showHidden ? "showing hidden files" : "hiding hidden files")
        case .sortMenu: sortMenu(app)
        case .view: view(app)
        case .edit: edit(app)
        case .copy: transfer(move: false, app)
        case .move: transfer(move: true, app)
        case .rename: rename(app)
        case .mkdir: mkdir(app)
        case .delete: delete(app)
        case .info: info(app)
        case .compare: compare(app)
        case .publink: publink(app)
        case .share: share(app)
        case .zip: zip(app)
        case .extract: extract(app)
        case .revisions: revisions(app)
        case .find: find(app)
        case .fetch: fetchFromWeb(app)
        case .jobs: app.showStoredJobs(); app.push(JobsScreen())
        case .trash: app.push(TrashScreen(app: app))
        case .shares: app.push(SharesScreen(app: app))
        case .publinks: app.push(PublinksScreen(app: app))
        case .uploadLinks: app.push(UploadLinksScreen(app: app))
        case .help: app.push(HelpScreen.make(app.keymap, context))
        case .menu: app.push(MenuScreen.make(app.keymap, context))
        case .quit: app.quit()
        default: break   // a command of another context: the keymap never sends one here
        }
    }

    func reloadHistory(_ p: Pane, _ l: Location, _ app: App) {
        _ = p.navigate(l, recordHistory: false)
        reload(p, app)
    }

    func open(_ app: App) {
        let p = pane
        guard let e = p.current else { return }
        if p.found != nil { return openFound(p, e, app) }
        if e.isFolder || (e.kind == .symlink && p.side == .local && isDirectory(e.path)) {
            reload(p, to: p.location.child(e.name), app)
        } else {
            view(app)
        }
    }

    private func isDirectory(_ path: String?) -> Bool {
        var dir: ObjCBool = false
        return path.map { FileManager.default.fileExists(atPath: $0, isDirectory: &dir) && dir.boolValue } ?? false
    }

    func goTo(_ text: String, _ app: App) {
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
        reload(p, to: l, app)
    }

    func addBookmark(_ app: App) {
        let p = pane
        app.push(InputDialog(title: "Bookmark", prompt: "A letter or name for \(p.location.path):", text: "") { [unowned self] key, app in
            guard !key.isEmpty else { return }
            if let problem = bookmarks.set(key, p.side, p.location) { app.status = (problem, true); return }
            app.say("bookmarked \(p.location.path) as '\(key)'")
        })
    }

    func jumpToBookmark(_ app: App) {
        let p = pane
        let mine = bookmarks.on(p.side)
        guard !mine.isEmpty else { app.say("no bookmarks on this side yet — \(app.keyName(.bookmarkAdd)) adds one"); return }
        app.push(ChoiceDialog(title: "Bookmarks", lines: [], choices: mine.map { "\($0.name)  \($0.location.path)" },
                              layout: .menu) { [unowned self] i, app in reload(p, to: mine[i].location, app) })
    }

    func sortMenu(_ app: App) {
        let p = pane
        let keys = SortOrder.Key.allCases
        let mark = { (k: SortOrder.Key) in p.sort.key == k ? "• " : "  " }
        let choices = keys.map { mark($0) + "by \($0.rawValue)" }
            + ["\(p.sort.reverse ? "[x]" : "[ ]") reverse", "\(p.sort.foldersFirst ? "[x]" : "[ ]") folders first",
               "\(p.sort.natural ? "[x]" : "[ ]") natural order (f2 before f10)"]
        app.push(ChoiceDialog(title: "Sort", lines: [], choices: choices, layout: .menu,
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

    func mouse(_ m: MouseEvent, _ app: App) {
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
            if m.kind == .doubleClick { open(app) }
        }
    }
}
