import Foundation
import PCloudAPI

/// A public link as Commander hands it to the UI.
public struct PublinkInfo: Sendable, Hashable {
    public var linkid: Int
    public var code: String
    public var link: String
    public var shortlink: String?
    public var expires: Int64?
    public var maxdownloads: Int?
    public var maxtraffic: Int64?
    public var downloads: Int?
    public var traffic: Int64?
    /// What the link is to, as `listpublinks` names it (nil where the answer has no metadata).
    public var name: String?
    public var isFolder = false

    init(_ p: Publink) {
        linkid = p.linkid; code = p.code; link = p.link; shortlink = p.shortlink; expires = p.expires
        maxdownloads = p.maxdownloads; maxtraffic = p.maxtraffic; downloads = p.downloads; traffic = p.traffic
        name = p.metadata?.name; isFolder = p.metadata?.isfolder ?? false
    }

    /// The linked item's name, a folder's with `/` after it, as the lists show it.
    public var title: String { name.map { $0 + (isFolder ? "/" : "") } ?? "?" }
}

/// An upload link (an inbound drop box).
public struct UploadLinkInfo: Sendable, Hashable {
    public var uploadlinkid: Int
    public var link: String
    public var code: String
    public var mail: String?
    public var comment: String?

    init(_ u: UploadLink) {
        uploadlinkid = u.uploadlinkid; link = u.link; code = u.code; mail = u.mail; comment = u.comment
    }
}

/// A share or a pending share offer.
public struct ShareInfo: Sendable, Hashable {
    public var shareid: Int?
    public var sharerequestid: Int?
    public var folderid: Int?
    public var name: String?
    public var mail: String?
    public var permissions: SharePermissions
    public var incoming: Bool

    init(_ s: Share, incoming: Bool) {
        shareid = s.shareid; sharerequestid = s.sharerequestid; folderid = s.folderid; name = s.sharename
        mail = incoming ? s.frommail : s.tomail
        permissions = s.permissions
        self.incoming = incoming
    }
}

/// One stored revision of a cloud file.
public struct RevisionInfo: Sendable, Hashable {
    public var revisionid: Int
    public var size: Int64
    public var hash: UInt64?
    public var created: Date
}
