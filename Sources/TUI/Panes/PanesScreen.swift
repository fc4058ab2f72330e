import Commander
import Foundation

/// The two panes, the screen under every overlay. Its update turns the panes' commands into
/// pane state, dialogs and jobs (PanesScreen+Commands and the files beside it); its view draws
/// the panes and the F-key bar (PanesScreen+View). What is app-wide (the overlays, the status
/// line, jobs, the loop) it reaches through the `App` each call is given, as overlays do.
@MainActor
public final class PanesScreen {
    public let panes: [Pane]
    public var active = 0
    var bookmarks: Bookmarks
    /// The last compare of the two panes, while its marks stand (F5 then copies the difference).
    var compared: ComparedPanes?
    /// The last frame's width and pane height, for paging, mouse hits and thumbnail sizes.
    var layout = (width: 80, paneHeight: 22)

    init(_ setup: AppSetup) {
        bookmarks = Bookmarks(file: setup.bookmarksFile)
        panes = [
            Pane(drive: setup.local, side: .local, label: "Local", location: .path(setup.localStart)),
            Pane(drive: setup.cloud, side: .cloud, label: setup.cloudLabel, isSandbox: setup.isSandbox, location: .path(setup.cloudStart)),
        ]
    }

    public var pane: Pane { panes[active] }
    public var other: Pane { panes[1 - active] }
    func pane(on side: Pane.Side) -> Pane? { panes.first { $0.side == side } }

    /// Whose keys apply: the active pane's find results, or its folder.
    var context: KeyContext { pane.found != nil ? .findResults : .panes }

    /// Rows of entries a pane shows (frame, titles and footer take four).
    var pageHeight: Int { layout.paneHeight - 4 }

    /// Entries from which a local folder is drawn from its names before its stats are in.
    nonisolated static let namesFirst = 5000

    /// Lists `p` again (or `location`, navigating there); find results run their find again.
    /// `quiet` when nobody asked (after a job, a change on the server): a failure then shows in
    /// the pane only, not over the status line's account of the user's action.
    func reload(_ p: Pane, to location: Location? = nil, focus: String? = nil, quiet: Bool = false, _ app: App) {
        if p.found != nil, location == nil { return runFind(p, generation: p.restartFind(), app) }
        p.search?.cancel()
        p.search = nil
        let g = location.map { p.navigate($0, focus: focus) } ?? p.beginLoad()
        let drive = p.drive, ref = p.location.ref
        let inbox = app.inbox
        Task.detached {
            let result: Result<[Entry], CommanderError>
            do {
                // A big folder shows its names first; sizes and times follow with the stats.
                result = .success(try await drive.list(ref, namesFirstFrom: Self.namesFirst) { names in
                    inbox.post { _ in p.listed(.success(names), generation: g) }
                })
            } catch { result = .failure(CommanderError.from(error)) }
            inbox.post { app in
                p.listed(result, generation: g)
                if case .failure(let e) = result, !quiet { app.fail("list \(p.location.path)", e) }
            }
        }
    }

    /// Both panes listed again after a job finished.
    func reloadAll(_ app: App) { for p in panes { reload(p, quiet: true, app) } }

    func refreshQuota(_ app: App, quiet: Bool = false) {
        guard let p = pane(on: .cloud) else { return }
        let cloud = app.cloud
        app.background("quota", quiet: quiet, { try await cloud.quota() }) { _, q in p.quota = q }
    }

    func cloudChanged(_ change: CloudDrive.Change, _ app: App) {
        for p in panes where p.side == .cloud {
            // Paths are what panes hold; any change may touch the shown folder, so list it
            // again unless the change is known to be elsewhere.
            if let ids = change.folderids, ids.isEmpty { continue }
            reload(p, quiet: true, app)
        }
        refreshQuota(app, quiet: true)
    }
}
