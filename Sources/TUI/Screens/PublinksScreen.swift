import Commander
import Foundation

/// Public links by what they are to, with downloads, traffic and expiry: show URL and QR, copy
/// URL, change expiry, delete. (The URLs alone all look alike: the item's name tells them apart.)
final class PublinksScreen: ListScreen {
    let cloud: CloudDrive
    var links: [PublinkInfo] = []

    init(app: App) {
        cloud = app.cloud
        super.init(title: "Public links", columns: [.init(title: "Name", width: 0), .init(title: "Downloads", width: 9, right: true),
                                                    .init(title: "Traffic", width: 9, right: true), .init(title: "Expires", width: 16)],
                   context: .publinks)
        reload(app)
    }

    override func reload(_ app: App) {
        let cloud = cloud
        load(app, { try await cloud.publinks() }) { [unowned self] list in
            links = list
            return list.map { l in
                [l.title, "\(l.downloads ?? 0)", Units.bytes(l.traffic ?? 0),
                 l.expires.map { DateText.full(Date(timeIntervalSince1970: TimeInterval($0))) } ?? "never"]
            }
        }
    }

    override func act(_ command: Command, _ app: App) -> Bool {
        guard links.indices.contains(cursor) else { return false }
        let l = links[cursor]
        let done: @MainActor (App, [JobSnapshot]) -> Void = { [unowned self] app, _ in reload(app) }
        switch command {
        case .open: app.push(PublinkDialog(link: l, name: l.title))
        case .copyURL: app.copyToClipboard(l.link)
        case .expiry:
            app.push(ExpiryDialog { [unowned self] expire, app in
                app.submit(.changePublink(drive: cloud, linkid: l.linkid, PublinkLimits(expire: expire), clearExpire: expire == nil,
                                          deleteShortlink: false), "change expiry", then: done)
            })
        case .delete:
            app.push(ChoiceDialog.confirm("Delete link", ["Delete the link to \(l.title)?", l.link, "Whoever has it loses access."], verb: "Delete") { [unowned self] app in
                app.submit(.deletePublink(drive: cloud, linkid: l.linkid), "delete link", then: done)
            })
        default: return false
        }
        return true
    }
}
