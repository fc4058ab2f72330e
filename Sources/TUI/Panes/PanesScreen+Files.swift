import Commander
import Foundation

extension PanesScreen {
    /// Named as the user sees them, so job titles say `IMG_0001.png`, not `fileid 5000048`.
    func item(_ p: Pane, _ e: Entry) -> Item { Item(p.drive, e.ref, name: e.name) }
    func folderItem(_ p: Pane) -> Item { Item(p.drive, p.location.ref, name: p.location.path) }

    /// "3 items" or the one name, for dialogs and job messages.
    func describe(_ entries: [Entry]) -> String {
        entries.count == 1 ? "“\(TextWidth.printable(entries[0].name))”" : "\(entries.count) items"
    }

    /// F5 / F6: copy or move the selection to the other pane's folder (or a typed one).
    func transfer(move: Bool, _ app: App) {
        if !move, sendDifference(app) { return }
        let from = pane, to = other
        let sel = from.selection
        guard !sel.isEmpty else { app.say("nothing to \(move ? "move" : "copy")"); return }
        let verb = move ? "Move" : "Copy"
        app.push(InputDialog(title: verb, prompt: "\(verb) \(describe(sel)) to (\(to.label)):", text: to.location.path) { [unowned self] text, app in
            let target = text.trimmingCharacters(in: .whitespaces)
            guard !target.isEmpty else { return }
            let into = Item(to.drive, .path(target))
            let items = sel.map { item(from, $0) }
            from.clearMarks()
            app.submit(move ? .move(items, into: into) : .copy(items, into: into), "\(verb.lowercased()) \(describe(sel))")
        })
    }

    func rename(_ app: App) {
        let p = pane
        guard let e = p.current else { return }
        app.push(InputDialog(title: "Rename", prompt: "New name for \(describe([e])):", text: e.name) { [unowned self] name, app in
            guard !name.isEmpty, name != e.name else { return }
            guard !name.contains("/") else { app.say("a name cannot contain “/” — use \(app.keyName(.move)) to move"); return }
            p.focusName = name
            app.submit(.rename(item(p, e), to: name), "rename to \(name)")
        })
    }

    func mkdir(_ app: App) {
        let p = pane
        app.push(InputDialog(title: "Make folder", prompt: "New folder in \(p.location.path):") { [unowned self] name, app in
            guard !name.isEmpty else { return }
            p.focusName = name
            app.submit(.mkdir(name, in: folderItem(p)), "make folder \(name)")
        })
    }

    /// F8: to the trash (pCloud's or the freedesktop one) after a confirmation.
    func delete(_ app: App) {
        let p = pane
        let sel = p.selection
        guard !sel.isEmpty else { return }
        let whereTo = p.side == .cloud ? "pCloud's trash" : "the trash"
        // Into a trash, so mc's F8 then Enter deletes: the Delete button has the focus.
        app.push(ChoiceDialog.confirm("Delete", ["Delete \(describe(sel))?", "It goes to \(whereTo); \(app.keyName(.trash)) opens the trash to restore."],
                                      verb: "Delete", focus: .verb) { [unowned self] app in
            p.clearMarks()
            app.submit(.delete(sel.map { item(p, $0) }, permanent: false), "delete \(describe(sel))")
        })
    }

    /// `i`: what the drive knows of the entry, and its SHA-1 (pCloud's checksumfile in the cloud).
    func info(_ app: App) {
        let p = pane
        guard let e = p.current else { return }
        var lines = ["Name      \(TextWidth.printable(e.name))", "Kind      \(e.kind.rawValue)",
                     "Size      \(Units.bytes(e.size)) (\(e.size) bytes)", "Modified  \(DateText.full(e.modified))"]
        if let path = e.path { lines.append("Path      \(path)") }
        if let id = e.fileid { lines.append("fileid    \(id)") }
        if let id = e.folderid { lines.append("folderid  \(id)") }
        if let t = e.contenttype { lines.append("Type      \(t)") }
        if e.isshared { lines.append("Shared    yes") }
        if !e.ismine { lines.append("Owner     someone else (shared with you)") }
        let viewer = TextViewer(title: "Info — \(e.name)", lines: lines + (e.isFolder ? [] : ["SHA-1     …"]))
        app.push(viewer)
        guard !e.isFolder else { return }
        let drive = p.drive, ref = e.ref
        app.background("checksum", { try await drive.checksum(ref) }) { _, sum in
            viewer.lines[viewer.lines.count - 1] = "SHA-1     \(sum)"
        }
    }

    /// F3: text in a viewer (the start of a big file), images as a thumbnail.
    func view(_ app: App) {
        let p = pane
        guard let e = p.current, !e.isFolder else { return }
        let viewer = TextViewer(title: "\(p.label): \(e.name)", lines: ["\(app.spinner) loading…"])
        app.push(viewer)
        let width = layout.width - 2, rows = layout.paneHeight - 6
        let drive = p.drive, ref = e.ref
        // An image in the cloud comes as the server's thumbnail rather than all its bytes.
        if FileKind.isImage(e), drive.abilities.contains(.thumbnails) {
            app.background("thumbnail", { try await drive.thumbnail(ref, width: width * 4, height: rows * 8) }) { _, data in
                viewer.picture = HalfBlockImage.cells(data, columns: width, rows: rows) ?? []
                viewer.lines = ["\(e.name) — \(Units.bytes(e.size)), thumbnail from pCloud"]
            }
            return
        }
        app.background("view", { try await drive.text(ref, limit: Preview.limit) }) { _, data in
            if FileKind.isImage(e), let cells = HalfBlockImage.cells(data, columns: width, rows: rows) {
                viewer.picture = cells
                viewer.lines = ["\(e.name) — \(Units.bytes(e.size))"]
            } else {
                viewer.lines = Preview.lines(data)
            }
        }
    }

    /// F4: a local file in $EDITOR; a cloud file is downloaded, edited and uploaded back when it
    /// changed (pCloud keeps the old content as a revision).
    func edit(_ app: App) {
        let p = pane
        guard let e = p.current, !e.isFolder else { return }
        let editor = Editor.command
        var problem: CommanderError?
        if p.side == .local, let path = e.path {
            app.pendingExternal = { problem = Editor.run(editor, path) }
            app.afterExternal = { app in if let problem { app.fail("edit \(e.name)", problem) } }
            reload(p, app)
            return
        }
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-edit-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        let local = LocalDrive()
        let into = Item(local, .path(tmp.path))
        app.submit(.copy([item(p, e)], into: into), "download \(e.name) to edit") { [unowned self] app, _ in
            let path = tmp.appendingPathComponent(e.name).path
            let before = try? Data(contentsOf: URL(fileURLWithPath: path))
            app.pendingExternal = { problem = Editor.run(editor, path) }
            app.afterExternal = { [unowned self] app in
                if let problem { return app.fail("edit \(e.name)", problem) }
                let after = try? Data(contentsOf: URL(fileURLWithPath: path))
                guard after != before else { app.say("\(e.name) unchanged, nothing uploaded"); return }
                app.submit(.copy([Item(local, .path(path))], into: folderItem(p)), "upload edited \(e.name)",
                           resolver: FixedResolver(.overwrite))
            }
        }
    }
}
