import Commander
import Foundation

/// The trash of the active pane's drive: restore in place or into the other pane's folder,
/// delete forever, empty.
final class TrashScreen: ListScreen {
    let drive: any Drive
    let other: Pane
    var entries: [Entry] = []
    /// Where cloud items lived, by `origparentfolderid`, as far as found yet.
    var places: [Int: FolderPlace] = [:]
    /// The account can sign in with its password right here (TrashScreen+SignIn).
    let canSignIn: Bool

    init(app: App) {
        drive = app.panesScreen.pane.drive
        other = app.panesScreen.other
        canSignIn = app.trashSignIn != nil
        super.init(title: "Trash — \(app.panesScreen.pane.label)", columns: [.init(title: "Name", width: 0), .init(title: "Original place", width: 28),
                                                                 .init(title: "Size", width: 9, right: true), .init(title: "Deleted", width: 12)],
                   context: .trash)
        reload(app)
    }

    override func reload(_ app: App) {
        let drive = drive
        let inbox = app.inbox
        load(app, {
            do { return try await drive.trashList() } catch {
                // An OAuth-only account: the password is asked for right here, then the list again.
                if CommanderError.from(error).kind == .passwordSignInRequired {
                    inbox.post { [weak self] app in self?.signIn(app) }
                }
                throw error
            }
        }) { [unowned self] list in
            // By name: pCloud's order is unspecified, and the same list should look the same.
            entries = list.sorted { ($0.name.lowercased(), $0.name) < ($1.name.lowercased(), $1.name) }
            findPlaces(app)
            return entries.map(row)
        }
    }

    override func failed(_ e: CommanderError, _ app: App) {
        super.failed(e, app)
        if e.kind == .passwordSignInRequired, canSignIn {
            problem = "pCloud shows its trash only after a sign-in with your password, not to OAuth — \(app.keyName(.refresh, in: context)) signs in here"
        }
    }

    /// pCloud names only the folder id an item lived in: the paths follow, one request per
    /// distinct folder, while the list is already on screen.
    private func findPlaces(_ app: App) {
        // Asked again on every reload (a restore may bring a folder back); the old answers show meanwhile.
        let ids = Set(entries.compactMap(\.origparentfolderid)), drive = drive
        guard !ids.isEmpty else { return }
        app.background("original places", { await drive.folderPlaces(ids) }) { [weak self] _, found in
            guard let self else { return }
            places.merge(found) { $1 }
            rows = entries.map(row)
        }
    }

    private func row(_ e: Entry) -> [String] {
        [e.name + (e.isFolder ? "/" : ""), originalPlace(e), e.isFolder ? "<DIR>" : Units.bytes(e.size), DateText.short(e.modified)]
    }

    private func originalPlace(_ e: Entry) -> String {
        if let path = e.originalPath { return path }
        guard let id = e.origparentfolderid else { return "" }
        return switch places[id] {
        case .path(let path): path
        case .deleted: "(deleted folder)"
        case .unknown: "(unknown folder)"
        case nil: "…"
        }
    }

    override func act(_ command: Command, _ app: App) -> Bool {
        let e = entries.indices.contains(cursor) ? entries[cursor] : nil
        switch command {
        case .restore:
            guard let e else { return true }
            app.submit(.restore([e], drive: drive, into: nil), "restore \(e.name)") { [unowned self] app, _ in reload(app) }
        case .restoreToOther:
            guard let e else { return true }
            guard other.drive === drive else {
                app.say("the other pane is on another drive — restore in place (\(app.keyName(.restore, in: .trash))), then copy")
                return true
            }
            app.submit(.restore([e], drive: drive, into: Item(drive, other.location.ref, name: other.location.path)), "restore \(e.name) to \(other.location.path)") { [unowned self] app, _ in reload(app) }
        case .delete:
            guard let e else { return true }
            app.push(ChoiceDialog.confirm("Delete forever", ["Delete “\(e.name)” for good?", "This cannot be undone."], verb: "Delete") { [unowned self] app in
                app.submit(.purge([e], drive: drive), "delete \(e.name) forever") { app, _ in self.reload(app) }
            })
        case .emptyTrash:
            app.push(ChoiceDialog.confirm("Empty trash", ["Delete all \(entries.count) items in the trash for good?", "This cannot be undone."],
                                          verb: "Empty") { [unowned self] app in
                app.submit(.emptyTrash(drive), "empty the trash") { app, _ in self.reload(app) }
            })
        default: return false
        }
        return true
    }
}
