import Commander
import Foundation

extension App {
    /// The active pane when its drive can do `ability`; says why not otherwise.
    func cloudPane(_ what: String, _ ability: DriveAbilities) -> Pane? {
        guard pane.drive.abilities.contains(ability) else { say("\(what) works on pCloud items — Tab to the cloud pane"); return nil }
        return pane
    }

    /// F2 / p: a public link for the file, the folder, or the marked items (a tree link).
    func publink() {
        guard let p = cloudPane("a public link", .publicLinks) else { return }
        let sel = p.selection
        guard !sel.isEmpty else { return }
        let what = describe(sel)
        let items = sel.map { item(p, $0) }
        // Marked items become one tree link, shown to visitors as a folder of that name.
        let name = items.count == 1 ? sel[0].name : (p.location.name == "/" ? "pcmd" : p.location.name)
        let action: Action = items.count == 1 ? .createPublink(items[0], PublinkLimits())
            : .createTreePublink(items, name: name, PublinkLimits())
        p.clearMarks()
        submit(action, "public link for \(what)") { app, snaps in
            guard case .publink(let link)? = snaps.compactMap(\.result).first else { return }
            app.copyToClipboard(link.link)
            app.push(PublinkDialog(link: link, name: name))
        }
    }

    /// S: offer a cloud folder to someone by e-mail.
    func share() {
        guard let p = cloudPane("sharing", .shares), let e = p.current else { return }
        guard e.isFolder else { say("only folders can be shared — \(keyName(.publink)) makes a public link for a file"); return }
        push(ShareDialog(folder: e) { mail, perms, message, app in
            app.submit(.share(app.item(p, e), mail: mail, permissions: perms, message: message), "share \(e.name) with \(mail)")
        })
    }

    /// z: a zip of the selection, on the server for cloud items, on disk for local ones.
    func zip() {
        let p = pane
        let sel = p.selection
        guard !sel.isEmpty else { return }
        let suggested = (sel.count == 1 ? (sel[0].name as NSString).deletingPathExtension : p.location.name == "/" ? "archive" : p.location.name) + ".zip"
        push(InputDialog(title: "Zip", prompt: "Zip \(describe(sel)) as (in \(p.location.path)):", text: suggested) { name, app in
            guard !name.isEmpty else { return }
            p.clearMarks()
            p.focusName = name
            app.submit(.zip(sel.map { app.item(p, $0) }, into: app.folderItem(p), name: name), "zip \(name)")
        })
    }

    /// x: unpacks the archive under the cursor into a folder (pre-filled: beside it, its name).
    func extract() {
        let p = pane
        guard let e = p.current, FileKind.isArchive(e) else { say("\(keyName(.extract)) extracts an archive — put the cursor on a .zip"); return }
        let folder = p.location.child((e.name as NSString).deletingPathExtension).path
        push(InputDialog(title: "Extract", prompt: "Extract \(describe([e])) into:", text: folder) { path, app in
            guard !path.isEmpty else { return }
            app.submit(.extract(app.item(p, e), into: Item(p.drive, .path(path)), password: nil), "extract \(e.name)")
        })
    }

    /// v: the revisions of the cloud file under the cursor.
    func revisions() {
        guard let p = cloudPane("revisions", .revisions), let e = p.current else { return }
        guard !e.isFolder else { say("folders have no revisions — put the cursor on a file"); return }
        push(RevisionsScreen(app: self, pane: p, file: e))
    }

    /// W: pCloud downloads web URLs into this folder itself (remote upload), as one job.
    func fetchFromWeb() {
        guard let p = cloudPane("fetching from the web", .fetchURLs) else { return }
        push(FetchDialog(folder: p.location.path) { urls, names, app in
            if urls.count == 1 { p.focusName = names[0] ?? FetchURL.name(of: urls[0]) }
            app.submit(.fetch(urls, into: app.folderItem(p), names: names),
                       urls.count == 1 ? "fetch \(FetchURL.name(of: urls[0]))" : "fetch \(urls.count) URLs")
        })
    }
}
