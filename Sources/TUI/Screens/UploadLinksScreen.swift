import Commander

/// Upload links (drop boxes into a folder): list, create for the cloud pane's folder, delete.
final class UploadLinksScreen: ListScreen {
    let cloud: CloudDrive
    var links: [UploadLinkInfo] = []

    init(app: App) {
        cloud = app.cloud
        super.init(title: "Upload links", columns: [.init(title: "Link", width: 0), .init(title: "Comment", width: 30)],
                   context: .uploadLinks)
        reload(app)
    }

    override func reload(_ app: App) {
        let cloud = cloud
        load(app, { try await cloud.uploadLinks() }) { [unowned self] list in
            links = list
            return list.map { [$0.link, $0.comment ?? ""] }
        }
    }

    override func act(_ command: Command, _ app: App) -> Bool {
        let done: @MainActor (App, [JobSnapshot]) -> Void = { [unowned self] app, _ in reload(app) }
        switch command {
        case .create:
            let folder = app.panesScreen.pane(on: .cloud)!
            app.push(InputDialog(title: "New upload link", prompt: "Comment shown to uploaders (into \(folder.location.path)):") { comment, app in
                app.submit(.createUploadLink(Item(folder.drive, folder.location.ref, name: folder.location.path), comment: comment.isEmpty ? "Upload here" : comment,
                                             expire: nil, maxspace: nil, maxfiles: nil), "create upload link", then: done)
            })
        case .copyURL:
            guard links.indices.contains(cursor) else { return true }
            app.copyToClipboard(links[cursor].link)
        case .delete:
            guard links.indices.contains(cursor) else { return true }
            let l = links[cursor]
            app.push(ChoiceDialog.confirm("Delete upload link", ["Delete \(l.link)?"], verb: "Delete") { [unowned self] app in
                app.submit(.deleteUploadLink(drive: cloud, uploadlinkid: l.uploadlinkid), "delete upload link", then: done)
            })
        default: return false
        }
        return true
    }
}
