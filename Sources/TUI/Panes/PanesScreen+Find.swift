import Commander
import Foundation

extension PanesScreen {
    /// f: find below the pane's folder; the results replace the listing (mc's panelize).
    func find(_ app: App) {
        let p = pane
        app.push(FindDialog(folder: p.location.path) { [unowned self] query, text, app in
            runFind(p, generation: p.beginFind(query, text: text), app)
        })
    }

    /// Runs the pane's find: the cloud's index answers at once (its first use lists the tree),
    /// the disk is walked in the background with results shown as they come.
    func runFind(_ p: Pane, generation g: Int, _ app: App) {
        guard let query = p.found?.query else { return }
        let folder = p.location.path, inbox = app.inbox
        p.search?.cancel()
        if p.entries.isEmpty, p.found?.searching == true { app.say("finding… (a first find may list the whole tree)") }
        let drive = p.drive
        p.search = Task.detached {
            do {
                for try await batch in drive.search(query, under: folder) {
                    inbox.post { _ in p.foundBatch(batch.found, skipped: batch.skipped.count, done: false, generation: g) }
                }
                inbox.post { app in p.foundBatch([], done: true, generation: g); app.panesScreen.sayFound(p, app) }
            } catch {
                let e = CommanderError.from(error)
                if e.kind != .cancelled { inbox.post { app in p.foundBatch([], done: true, generation: g); app.fail("find", e) } }
            }
        }
    }

    func sayFound(_ p: Pane, _ app: App) {
        guard let f = p.found, !f.searching else { return }
        let n = p.entries.count
        app.say("\(n) found for “\(f.text)” · \(app.keyName(.open, in: .findResults)) opens a folder or goes to a file · \(app.keyName(.parent, in: .findResults)) leaves the results")
    }

    /// Enter on a result: into a folder, or to the file in its own folder.
    func openFound(_ p: Pane, _ e: Entry, _ app: App) {
        guard let path = e.path else { return }
        if e.isFolder {
            reload(p, to: .path(path), app)
        } else {
            let parent = Location.path(path).parent ?? .path("/")
            reload(p, to: parent, focus: e.name, app)
        }
    }
}
