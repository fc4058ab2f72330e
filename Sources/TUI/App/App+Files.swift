import Commander
import Foundation

extension App {
    /// Named as the user sees them, so job titles say `IMG_0001.png`, not `fileid 5000048`.
    func item(_ p: Pane, _ e: Entry) -> Item { Item(p.drive, e.ref, name: e.name) }
    func folderItem(_ p: Pane) -> Item { Item(p.drive, p.location.ref, name: p.location.path) }

    /// "3 items" or the one name, for dialogs and job messages.
    func describe(_ entries: [Entry]) -> String {
        entries.count == 1 ? "“\(TextWidth.printable(entries[0].name))”" : "\(entries.count) items"
    }

    /// F5 / F6: copy or move the selection to the other pane's folder (or a typed one).
    func transfer(move: Bool) {
        if !move, sendDifference() { return }
        let from = pane, to = other
        let sel = from.selection
        guard !sel.isEmpty else { say("nothing to \(move ? "move" : "copy")"); return }
        let verb = move ? "Move" : "Copy"
        push(InputDialog(title: verb, prompt: "\(verb) \(describe(sel)) to (\(to.label)):", text: to.location.path) { text, app in
            let target = text.trimmingCharacters(in: .whitespaces)
            guard !target.isEmpty else { return }
            let into = Item(to.drive, .path(target))
            let items = sel.map { app.item(from, $0) }
            from.clearMarks()
            app.submit(move ? .move(items, into: into) : .copy(items, into: into), "\(verb.lowercased()) \(app.describe(sel))")
        })
    }

    func rename() {
        let p = pane
        guard let e = p.current else { return }
        push(InputDialog(title: "Rename", prompt: "New name for \(describe([e])):", text: e.name) { name, app in
            guard !name.isEmpty, name != e.name else { return }
            guard !name.contains("/") else { app.say("a name cannot contain “/” — use \(app.keyName(.move)) to move"); return }
            p.focusName = name
            app.submit(.rename(app.item(p, e), to: name), "rename to \(name)")
        })
    }

    func mkdir() {
        let p = pane
        push(InputDialog(title: "Make folder", prompt: "New folder in \(p.location.path):") { name, app in
            guard !name.isEmpty else { return }
            p.focusName = name
            app.submit(.mkdir(name, in: app.folderItem(p)), "make folder \(name)")
        })
    }

    /// F8: to the trash (pCloud's or the freedesktop one) after a confirmation.
    func delete() {
        let p = pane
        let sel = p.selection
        guard !sel.isEmpty else { return }
        let whereTo = p.side == .cloud ? "pCloud's trash" : "the trash"
        // Into a trash, so mc's F8 then Enter deletes: the Delete button has the focus.
        push(ChoiceDialog.confirm("Delete", ["Delete \(describe(sel))?", "It goes to \(whereTo); \(keyName(.trash)) opens the trash to restore."],
                                  verb: "Delete", focus: .verb) { app in
            p.clearMarks()
            app.submit(.delete(sel.map { app.item(p, $0) }, permanent: false), "delete \(app.describe(sel))")
        })
    }

    /// `i`: what the drive knows of the entry, and its SHA-1 (pCloud's checksumfile in the cloud).
    func info() {
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
        push(viewer)
        guard !e.isFolder else { return }
        let drive = p.drive, ref = e.ref
        background("checksum", { try await drive.checksum(ref) }) { _, sum in
            viewer.lines[viewer.lines.count - 1] = "SHA-1     \(sum)"
        }
    }

    /// F3: text in a viewer (the start of a big file), images as a thumbnail.
    func view() {
        let p = pane
        guard let e = p.current, !e.isFolder else { return }
        let viewer = TextViewer(title: "\(p.label): \(e.name)", lines: ["\(spinner) loading…"])
        push(viewer)
        let width = layout.width - 2, rows = layout.paneHeight - 6
        let drive = p.drive, ref = e.ref
        // An image in the cloud comes as the server's thumbnail rather than all its bytes.
        if FileKind.isImage(e), drive.abilities.contains(.thumbnails) {
            background("thumbnail", { try await drive.thumbnail(ref, width: width * 4, height: rows * 8) }) { app, data in
                viewer.picture = HalfBlockImage.cells(data, columns: width, rows: rows) ?? []
                viewer.lines = ["\(e.name) — \(Units.bytes(e.size)), thumbnail from pCloud"]
            }
            return
        }
        background("view", { try await drive.text(ref, limit: Preview.limit) }) { app, data in
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
    func edit() {
        let p = pane
        guard let e = p.current, !e.isFolder else { return }
        let editor = ProcessInfo.processInfo.environment["VISUAL"] ?? ProcessInfo.processInfo.environment["EDITOR"] ?? "vi"
        if p.side == .local, let path = e.path {
            pendingExternal = { _ = Editor.run(editor, path) }
            reload(p)
            return
        }
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-edit-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        let local = LocalDrive()
        let into = Item(local, .path(tmp.path))
        submit(.copy([item(p, e)], into: into), "download \(e.name) to edit") { app, _ in
            let path = tmp.appendingPathComponent(e.name).path
            let before = try? Data(contentsOf: URL(fileURLWithPath: path))
            app.pendingExternal = {
                _ = Editor.run(editor, path)
            }
            app.afterExternal = { app in
                let after = try? Data(contentsOf: URL(fileURLWithPath: path))
                guard after != before else { app.say("\(e.name) unchanged, nothing uploaded"); return }
                app.submit(.copy([Item(local, .path(path))], into: app.folderItem(p)), "upload edited \(e.name)",
                           resolver: FixedResolver(.overwrite))
            }
        }
    }
}

/// Runs an editor on the real terminal and waits for it.
enum Editor {
    static func run(_ command: String, _ path: String) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        // Process passes arguments as UTF-8, which would make a name that is not UTF-8 another
        // name: the shell's printf puts its bytes back (the dot keeps a trailing newline).
        p.arguments = ["-c", "f=$(printf '%b.' \"$1\"); \(command) \"${f%.}\"", "pcmd-edit", printfEscaped(path)]
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}

extension Editor {
    /// `path` for `printf '%b'`: a byte that is not UTF-8 (`RawName`) as `\0ooo`, a backslash doubled.
    static func printfEscaped(_ path: String) -> String {
        var out = ""
        for u in path.unicodeScalars {
            if let b = RawName.byte(u) { out += "\\0" + String(b, radix: 8) }
            else if u == "\\" { out += "\\\\" }
            else { out.unicodeScalars.append(u) }
        }
        return out
    }
}

/// The start of a file as viewer lines: text as is, binary as a hex dump.
enum Preview {
    static let limit = 4 << 20

    static func read(_ path: String) throws -> Data {
        guard let h = LocalDrive.reading(path) else { throw CommanderError(.notFound, "cannot open \(path)") }
        defer { try? h.close() }
        return try h.read(upToCount: limit) ?? Data()
    }

    static func lines(_ data: Data) -> [String] {
        if data.prefix(8192).contains(0) {
            var out = ["binary, first \(min(data.count, 4096)) bytes:"]
            for offset in stride(from: 0, to: min(data.count, 4096), by: 16) {
                let chunk = data[data.startIndex + offset..<data.startIndex + min(offset + 16, data.count)]
                let hex = chunk.map { String(format: "%02x", $0) }.joined(separator: " ")
                let ascii = String(chunk.map { (32..<127).contains($0) ? Character(UnicodeScalar($0)) : "." })
                out.append(String(format: "%08x  ", offset) + hex.padding(toLength: 48, withPad: " ", startingAt: 0) + "  " + ascii)
            }
            return out
        }
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
