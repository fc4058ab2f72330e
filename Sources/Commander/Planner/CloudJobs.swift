import Foundation
import PCloudAPI

/// Actions that are one or two pCloud calls: sharing, public links, upload links, revisions.
enum CloudJobs {
    static func job(for action: Action) throws -> Job {
        switch action {
        case .share(let item, let mail, let permissions, let message):
            let drive = try item.cloudDrive(for: "Sharing")
            return Job(.share, "Share \(item.title) with \(mail)") { _ in
                let id = try await drive.folderID(item.ref)
                try await cloud {
                    try await drive.client.shareFolder(id, mail: mail, permissions: permissions,
                                                       message: message)
                }
                return nil
            }
        case .changeShare(let drive, let shareid, let permissions):
            return Job(.share, "Change share \(shareid)") { _ in
                try await cloud { try await drive.client.changeShare(shareid, permissions: permissions) }
                return nil
            }
        case .unshare(let drive, let shareid, let sharerequestid):
            return Job(.share, "Stop sharing") { _ in
                try await cloud {
                    if let shareid { try await drive.client.removeShare(shareid) }
                    if let sharerequestid { try await drive.client.cancelShareRequest(sharerequestid) }
                }
                return nil
            }
        case .acceptShare(let drive, let sharerequestid, let name):
            return Job(.share, "Accept share \(sharerequestid)") { _ in
                try await cloud { try await drive.client.acceptShare(sharerequestid, name: name) }
                return nil
            }
        case .declineShare(let drive, let sharerequestid):
            return Job(.share, "Decline share \(sharerequestid)") { _ in
                try await cloud { try await drive.client.declineShare(sharerequestid) }
                return nil
            }
        case .createPublink(let item, let limits):
            let drive = try item.cloudDrive(for: "A public link")
            return Job(.publink, "Public link for \(item.title)") { _ in
                let m = try await drive.metadata(item.ref)
                let options = limits.options
                let link = try await cloud {
                    m.isfolder ? try await drive.client.getFolderPublink(m.itemID, options: options)
                        : try await drive.client.getFilePublink(m.itemID, options: options)
                }
                return .publink(PublinkInfo(link))
            }
        case .createTreePublink(let items, let name, let limits):
            guard let drive = try items.first?.cloudDrive(for: "A public link") else {
                throw CommanderError(.unsupported, "a tree link needs at least one item")
            }
            return Job(.publink, "Public link \(name) for \(items.count) item(s)") { _ in
                var tree = Tree()
                for item in items {
                    let m = try await drive.metadata(item.ref)
                    if m.isfolder { tree.folderids.append(m.itemID) } else { tree.fileids.append(m.itemID) }
                }
                let link = try await cloud { try await drive.client.getTreePublink(tree, name: name, options: limits.options) }
                return .publink(PublinkInfo(link))
            }
        case .changePublink(let drive, let linkid, let limits, let clearExpire, let deleteShortlink):
            return Job(.publink, "Change public link \(linkid)") { _ in
                let change = PCloudClient.PublinkChange(expire: limits.expire, deleteexpire: clearExpire,
                                                        maxdownloads: limits.maxdownloads, maxtraffic: limits.maxtraffic,
                                                        shortlink: limits.shortlink, deleteshortlink: deleteShortlink)
                try await cloud { try await drive.client.changePublink(linkid, change) }
                return nil
            }
        case .deletePublink(let drive, let linkid):
            return Job(.publink, "Delete public link \(linkid)") { _ in
                try await cloud { try await drive.client.deletePublink(linkid) }
                return nil
            }
        case .createUploadLink(let item, let comment, let expire, let maxspace, let maxfiles):
            let drive = try item.cloudDrive(for: "An upload link")
            return Job(.uploadLink, "Upload link to \(item.title)") { _ in
                let id = try await drive.folderID(item.ref)
                let link = try await cloud {
                    try await drive.client.createUploadLink(id, comment: comment, expire: expire, maxspace: maxspace,
                                                            maxfiles: maxfiles)
                }
                return .uploadLink(UploadLinkInfo(link))
            }
        case .deleteUploadLink(let drive, let uploadlinkid):
            return Job(.uploadLink, "Delete upload link \(uploadlinkid)") { _ in
                try await cloud { try await drive.client.deleteUploadLink(uploadlinkid) }
                return nil
            }
        case .revert(let item, let revisionid):
            let drive = try item.cloudDrive(for: "Reverting")
            return Job(.revert, "Revert \(item.title) to revision \(revisionid)") { _ in
                let id = try await drive.metadata(item.ref).itemID
                let m = try await cloud { try await drive.client.revertRevision(id, revisionid: revisionid) }
                return .entries([CloudDrive.entry(m, parentPath: nil)])
            }
        case .downloadRevision(let item, let revisionid, let into, let name):
            return try downloadRevision(item, revisionid: revisionid, into: into, name: name)
        default:
            throw CommanderError(.unsupported, "no plan for \(action)")
        }
    }

    /// An old revision saved as a new file: `copyfile revisionid=` in the cloud, a verified
    /// download (`getfilelink revisionid=`) to disk. Never over an existing file.
    static func downloadRevision(_ item: Item, revisionid: Int, into: Item, name: String?) throws -> Job {
        let drive = try item.cloudDrive(for: "Revisions")
        let kind: JobKind = .downloadRevision
        return Job(kind, "Revision \(revisionid) of \(item.title)") { ctx in
            let m = try await drive.metadata(item.ref)
            let taken = Set(try await into.drive.list(into.ref).map(\.name))
            let base = name ?? m.name
            let chosen = Names.free(base, taken: taken)
            ctx.addTotals(bytes: 0, files: 1)
            if let target = into.drive as? CloudDrive {
                let folder = try await target.folderID(into.ref)
                let copied = try await cloud {
                    try await drive.client.copyFile(m.itemID, to: .folder(folder, name: chosen), noover: true,
                                                    revisionid: revisionid)
                }
                ctx.fileDone("revision", bytes: 0)
                return .entries([CloudDrive.entry(copied, parentPath: into.ref.pathValue)])
            }
            guard let local = into.drive as? LocalDrive else { throw CommanderError(.unsupported, "unknown drive") }
            let to = URL(fileURLWithPath: Names.join(try local.path(into.ref), chosen))
            let temp = PCloudClient.partialPath(for: to).path
            ctx.ownTemp(temp)
            let report = ctx.reporter("revision")
            _ = try await cloud {
                try await drive.client.download(fileid: m.itemID, to: to, revisionid: revisionid) { done, _ in report(done) }
            }
            ctx.releaseTemp(temp)
            ctx.fileDone("revision", bytes: 0)
            return .entries([try LocalDrive.entry(at: to.path)])
        }
    }
}

extension PublinkLimits {
    var options: PublinkOptions {
        PublinkOptions(expire: expire, maxdownloads: maxdownloads, maxtraffic: maxtraffic, shortlink: shortlink)
    }
}
