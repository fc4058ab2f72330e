import Foundation
import PCloudAPI

/// An item on a drive.
public struct Item: Sendable {
    public let drive: any Drive
    public let ref: ItemRef
    /// How a person knows it (its name or path): a cloud item is addressed by id, and job
    /// titles must not read `fileid 5000048`.
    public let name: String?
    public init(_ drive: any Drive, _ ref: ItemRef, name: String? = nil) { self.drive = drive; self.ref = ref; self.name = name }
    public init(_ drive: any Drive, _ entry: Entry) { self.init(drive, entry.ref, name: entry.path ?? entry.name) }
    public init(_ drive: any Drive, path: String) { self.init(drive, .path(path)) }

    /// What job titles call it: the name it was given, else its path, else its id.
    public var title: String { name ?? ref.description }
}

/// Share permissions in pCloud's terms (read always; create, modify, delete), as the client
/// defines them: callers name them through Commander.
public typealias SharePermissions = PCloudAPI.SharePermissions

/// Limits of a public link; nil leaves a limit as it is (or unset when creating).
public struct PublinkLimits: Sendable, Hashable {
    /// Unix seconds.
    public var expire: Int64?
    public var maxdownloads: Int?
    public var maxtraffic: Int64?
    public var shortlink = false
    public init(expire: Int64? = nil, maxdownloads: Int? = nil, maxtraffic: Int64? = nil, shortlink: Bool = false) {
        self.expire = expire; self.maxdownloads = maxdownloads; self.maxtraffic = maxtraffic; self.shortlink = shortlink
    }
}

/// One value per user intent; the Planner turns it into jobs by where its items live.
public enum Action: Sendable {
    case copy([Item], into: Item)
    case move([Item], into: Item)
    /// One item copied (or moved) into a folder under another name: `put a.txt pc:/b.txt`.
    case copyAs(Item, into: Item, name: String, move: Bool)
    case rename(Item, to: String)
    /// Cloud items go to pCloud's trash, local ones to the freedesktop trash, unless `permanent`.
    case delete([Item], permanent: Bool)
    case mkdir(String, in: Item)
    /// Offers a cloud folder to `mail`.
    case share(Item, mail: String, permissions: SharePermissions, message: String?)
    case changeShare(drive: CloudDrive, shareid: Int, permissions: SharePermissions)
    /// Removes an established share (`shareid`) or cancels a pending offer (`sharerequestid`).
    case unshare(drive: CloudDrive, shareid: Int?, sharerequestid: Int?)
    /// Takes an incoming share offer, optionally under another name.
    case acceptShare(drive: CloudDrive, sharerequestid: Int, name: String?)
    case declineShare(drive: CloudDrive, sharerequestid: Int)
    case createPublink(Item, PublinkLimits)
    /// One link to several cloud items shown as a virtual folder `name` (`gettreepublink`).
    case createTreePublink([Item], name: String, PublinkLimits)
    /// Sets the given limits; `clearExpire` removes the expiry, `deleteShortlink` the short link.
    case changePublink(drive: CloudDrive, linkid: Int, PublinkLimits, clearExpire: Bool, deleteShortlink: Bool)
    case deletePublink(drive: CloudDrive, linkid: Int)
    /// A zip of the items saved as `name` in `into`.
    case zip([Item], into: Item, name: String)
    /// Unpacks an archive into a folder; `password` for encrypted cloud archives.
    case extract(Item, into: Item, password: String?)
    /// From the trash (entries from `trashList`), in place or into `into`.
    case restore([Entry], drive: any Drive, into: Item?)
    case emptyTrash(any Drive)
    /// Deletes entries from the trash for good (entries from `trashList`).
    case purge([Entry], drive: any Drive)
    /// The file's content becomes revision `revisionid`'s (the current one is kept as a revision).
    case revert(Item, revisionid: Int)
    /// Saves revision `revisionid` of a cloud file as `name` in `into` (local or cloud).
    case downloadRevision(Item, revisionid: Int, into: Item, name: String?)
    case createUploadLink(Item, comment: String, expire: Int64?, maxspace: Int64?, maxfiles: Int?)
    case deleteUploadLink(drive: CloudDrive, uploadlinkid: Int)
    /// Compares two folders (changes nothing); the job's result is a `.comparison`.
    case compare(Item, Item, CompareOptions)
    /// Sends a compare's differences (items of `Comparison.toSend`) from the compared folder
    /// `from`, which was the compare's `side`, each into its relative folder under `into`; an
    /// existing file is replaced only as the resolver says.
    case sendDifference([ComparedItem], from: Item, side: CompareSide, into: Item)
    /// pCloud fetches http(s) URLs into a cloud folder itself (remote upload); `names` by
    /// position, nil for the name taken from the URL.
    case fetch([String], into: Item, names: [String?])
}
