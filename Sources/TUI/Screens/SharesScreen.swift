import Commander

/// Shares both ways and pending offers: accept, decline, cancel, change permissions, remove.
final class SharesScreen: ListScreen {
    let cloud: CloudDrive
    var shares: [ShareInfo] = []

    init(app: App) {
        cloud = app.cloud
        // State and direction before the address: on a narrow screen they stay whole, the address is cut.
        super.init(title: "Shares", columns: [.init(title: "Folder", width: 0), .init(title: "State", width: 8), .init(title: "Direction", width: 9),
                                              .init(title: "With", width: 26), .init(title: "Permissions", width: 20)],
                   context: .shares)
        reload(app)
    }

    static func permissions(_ p: SharePermissions) -> String {
        p.isEmpty ? "read only" : [(SharePermissions.create, "create"), (.modify, "modify"), (.delete, "delete")]
            .filter { p.contains($0.0) }.map(\.1).joined(separator: ",")
    }

    override func reload(_ app: App) {
        let cloud = cloud
        load(app, { try await cloud.shares() }) { [unowned self] list in
            shares = list
            return list.map { s in
                [s.name ?? "folder \(s.folderid ?? 0)", s.shareid == nil ? "pending" : "active", s.incoming ? "incoming" : "outgoing",
                 s.mail ?? "", Self.permissions(s.permissions)]
            }
        }
    }

    override func act(_ command: Command, _ app: App) -> Bool {
        guard shares.indices.contains(cursor) else { return false }
        let s = shares[cursor]
        let done: @MainActor (App, [JobSnapshot]) -> Void = { [unowned self] app, _ in reload(app) }
        switch command {
        case .accept:
            guard s.incoming, let id = s.sharerequestid, s.shareid == nil else { app.say("only an incoming offer can be accepted"); return true }
            app.submit(.acceptShare(drive: cloud, sharerequestid: id, name: nil), "accept \(s.name ?? "share")", then: done)
        case .decline:
            guard s.incoming, let id = s.sharerequestid, s.shareid == nil else { app.say("only an incoming offer can be declined"); return true }
            app.submit(.declineShare(drive: cloud, sharerequestid: id), "decline \(s.name ?? "share")", then: done)
        case .cancelOffer:
            guard !s.incoming, let id = s.sharerequestid, s.shareid == nil else { app.say("only your pending offers can be cancelled"); return true }
            app.submit(.unshare(drive: cloud, shareid: nil, sharerequestid: id), "cancel offer of \(s.name ?? "share")", then: done)
        case .delete:
            guard let id = s.shareid else { app.say("a pending offer is cancelled (\(app.keyName(.cancelOffer, in: .shares))) or declined (\(app.keyName(.decline, in: .shares)))"); return true }
            app.push(ChoiceDialog.confirm("Remove share", ["Stop sharing “\(s.name ?? "")” with \(s.mail ?? "them")?"], verb: "Remove") { [unowned self] app in
                app.submit(.unshare(drive: cloud, shareid: id, sharerequestid: nil), "remove share", then: done)
            })
        case .permissions:
            guard let id = s.shareid, !s.incoming else { app.say("permissions change on your active shares"); return true }
            let options: [SharePermissions] = [.readOnly, [.create], [.create, .modify], .edit]
            app.push(ChoiceDialog(title: "Permissions for \(s.mail ?? "")", lines: [], choices: options.map(Self.permissions),
                                  layout: .menu, selected: options.firstIndex(of: s.permissions) ?? 0) { [unowned self] i, app in
                app.submit(.changeShare(drive: cloud, shareid: id, permissions: options[i]), "change permissions", then: done)
            })
        default: return false
        }
        return true
    }
}
