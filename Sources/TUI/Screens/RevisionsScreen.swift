import Commander
import Foundation

/// The stored revisions of one cloud file: view one, download one to the local pane, revert.
final class RevisionsScreen: ListScreen {
    let pane: Pane
    let file: Entry
    var revisions: [RevisionInfo] = []

    init(app: App, pane: Pane, file: Entry) {
        self.pane = pane; self.file = file
        super.init(title: "Revisions — \(file.name)", columns: [.init(title: "Revision", width: 12), .init(title: "Size", width: 10, right: true),
                                                                 .init(title: "Created", width: 20), .init(title: "Hash", width: 0)],
                   context: .revisions)
        reload(app)
    }

    override func reload(_ app: App) {
        let drive = pane.drive, ref = file.ref
        load(app, { try await drive.revisions(of: ref) }) { [unowned self] list in
            revisions = list.sorted { $0.created > $1.created }
            return revisions.map { ["\($0.revisionid)", Units.bytes($0.size), DateText.full($0.created), $0.hash.map { String($0) } ?? ""] }
        }
    }

    override func act(_ command: Command, _ app: App) -> Bool {
        guard revisions.indices.contains(cursor) else { return false }
        let rev = revisions[cursor]
        let local = app.panesScreen.pane(on: .local)!
        switch command {
        case .view:
            // Download to a temporary folder, then show it.
            let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-rev-\(UUID().uuidString.prefix(8))")
            try? FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
            let name = "\(rev.revisionid)-\(file.name)"
            app.submit(.downloadRevision(Item(pane.drive, file.ref, name: file.name), revisionid: rev.revisionid, into: Item(local.drive, .path(tmp.path)), name: name),
                       "fetch revision \(rev.revisionid)") { app, _ in
                let path = tmp.appendingPathComponent(name).path
                app.push(TextViewer(title: "\(self.file.name) @ revision \(rev.revisionid)", lines: Preview.lines((try? Preview.read(path)) ?? Data())))
            }
        case .download:
            let name = "\((file.name as NSString).deletingPathExtension).rev\(rev.revisionid)" + ((file.name as NSString).pathExtension.isEmpty ? "" : ".\((file.name as NSString).pathExtension)")
            app.submit(.downloadRevision(Item(pane.drive, file.ref, name: file.name), revisionid: rev.revisionid, into: Item(local.drive, local.location.ref, name: local.location.path), name: name),
                       "download revision \(rev.revisionid) as \(name)")
        case .revert:
            app.push(ChoiceDialog.confirm("Revert", ["Make revision \(rev.revisionid) (\(DateText.full(rev.created))) the content of",
                                                     "“\(file.name)”? The current content is kept as a revision."], verb: "Revert") { [unowned self] app in
                app.submit(.revert(Item(pane.drive, file.ref, name: file.name), revisionid: rev.revisionid), "revert \(file.name) to \(rev.revisionid)") { app, _ in self.reload(app) }
            })
        default: return false
        }
        return true
    }
}
