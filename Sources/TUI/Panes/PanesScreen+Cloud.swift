import Commander
import Foundation

extension PanesScreen {
    /// The active pane when its drive can do `ability`; says why not otherwise.
    func cloudPane(_ what: String, _ ability: DriveAbilities, _ app: App) -> Pane? {
        guard pane.drive.abilities.contains(ability) else { app.say("\(what) works on pCloud items — \(app.keyName(.otherPane)) to the cloud pane"); return nil }
        return pane
    }

    /// F2 / p: a public link for the file, the folder, or the marked items (a tree link).
    func publink(_ app: App) {
        guard let p = cloudPane("a public link", .publicLinks, app) else { return }
        let sel = p.selection
        guard !sel.isEmpty else { return }
        let what = describe(sel)
        let items = sel.map { item(p, $0) }
        // Marked items become one tree link, shown to visitors as a folder of that name.
        let name = items.count == 1 ? sel[0].name : (p.location.name == "/" ? "pcmd" : p.location.name)
        let action: Action = items.count == 1 ? .createPublink(items[0], PublinkLimits())
            : .createTreePublink(items, name: name, PublinkLimits())
        p.clearMarks()
        app.submit(action, "public link for \(what)") { app, snaps in
            guard case .publink(let link)? = snaps.compactMap(\.result).first else { return }
            app.copyToClipboard(link.link)
            app.push(PublinkDialog(link: link, name: name))
        }
    }

    /// S: offer a cloud folder to someone by e-mail.
    func share(_ app: App) {
        guard let p = cloudPane("sharing", .shares, app), let e = p.current else { return }
        guard e.isFolder else { app.say("only folders can be shared — \(app.keyName(.publink)) makes a public link for a file"); return }
        app.push(ShareDialog(folder: e) { [unowned self] mail, perms, message, app in
            app.submit(.share(item(p, e), mail: mail, permissions: perms, message: message), "share \(e.name) with \(mail)")
        })
    }

    /// z: a zip of the selection, on the server for cloud items, on disk for local ones.
    func zip(_ app: App) {
        let p = pane
        let sel = p.selection
        guard !sel.isEmpty else { return }
        let suggested = (sel.count == 1 ? (sel[0].name as NSString).deletingPathExtension : p.location.name == "/" ? "archive" : p.location.name) + ".zip"
        app.push(InputDialog(title: "Zip", prompt: "Zip \(describe(sel)) as (in \(p.location.path)):", text: suggested) { [unowned self] name, app in
            guard !name.isEmpty else { return }
            p.clearMarks()
            p.focusName = name
            app.submit(.zip(sel.map { item(p, $0) }, into: folderItem(p), name: name), "zip \(name)")
        })
    }

    /// x: unpacks the archive under the cursor into a folder (pre-filled: beside it, its name).
    func extract(_ app: App) {
        let p = pane
        guard let e = p.current, FileKind.isArchive(e) else { app.say("\(app.keyName(.extract)) extracts an archive — put the cursor on a .zip"); return }
        let folder = p.location.child((e.name as NSString).deletingPathExtension).path
        app.push(InputDialog(title: "Extract", prompt: "Extract \(describe([e])) into:", text: folder) { [unowned self] path, app in
            guard !path.isEmpty else { return }
            app.submit(.extract(item(p, e), into: Item(p.drive, .path(path)), password: nil), "extract \(e.name)")
        })
    }

    /// v: the revisions of the cloud file under the cursor.
    func revisions(_ app: App) {
        guard let p = cloudPane("revisions", .revisions, app), let e = p.current else { return }
        guard !e.isFolder else { app.say("folders have no revisions — put the cursor on a file"); return }
        app.push(RevisionsScreen(app: app, pane: p, file: e))
    }

    /// W: pCloud downloads web URLs into this folder itself (remote upload), as one job.
    func fetchFromWeb(_ app: App) {
        guard let p = cloudPane("fetching from the web", .fetchURLs, app) else { return }
        app.push(FetchDialog(folder: p.location.path) { [unowned self] urls, names, app in
            if urls.count == 1 { p.focusName = names[0] ?? FetchURL.name(of: urls[0]) }
            app.submit(.fetch(urls, into: folderItem(p), names: names),
                       urls.count == 1 ? "fetch \(FetchURL.name(of: urls[0]))" : "fetch \(urls.count) URLs")
        })
    }
}
