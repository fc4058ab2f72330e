import Commander
import Foundation

extension App {
    /// f: find below the pane's folder; the results replace the listing (mc's panelize).
    func find() {
        let p = pane
        push(FindDialog(folder: p.location.path) { query, text, app in
            app.runFind(p, generation: p.beginFind(query, text: text))
        })
    }

    /// Runs the pane's find: the cloud's index answers at once (its first use lists the tree),
    /// the disk is walked in the background with results shown as they come.
    func runFind(_ p: Pane, generation g: Int) {
        guard let query = p.found?.query else { return }
        let folder = p.location.path, inbox = inbox
        p.search?.cancel()
        if p.entries.isEmpty, p.found?.searching == true { say("finding… (a first find may list the whole tree)") }
        let drive = p.drive
        p.search = Task.detached {
            do {
                for try await batch in drive.search(query, under: folder) {
                    inbox.post { _ in p.foundBatch(batch.found, skipped: batch.skipped.count, done: false, generation: g) }
                }
                inbox.post { app in p.foundBatch([], done: true, generation: g); app.sayFound(p) }
            } catch {
                let e = CommanderError.from(error)
                if e.kind != .cancelled { inbox.post { app in p.foundBatch([], done: true, generation: g); app.fail("find", e) } }
            }
        }
    }

    func sayFound(_ p: Pane) {
        guard let f = p.found, !f.searching else { return }
        let n = p.entries.count
        say("\(n) found for “\(f.text)” · \(keyName(.open, in: .findResults)) opens a folder or goes to a file · \(keyName(.parent, in: .findResults)) leaves the results")
    }

    /// Enter on a result: into a folder, or to the file in its own folder.
    func openFound(_ p: Pane, _ e: Entry) {
        guard let path = e.path else { return }
        if e.isFolder {
            reload(p, to: .path(path))
        } else {
            let parent = Location.path(path).parent ?? .path("/")
            reload(p, to: parent, focus: e.name)
        }
    }
}
