import Foundation

/// How an item is addressed on its drive: a path on either drive, or pCloud's ids.
public enum ItemRef: Sendable, Hashable, Codable, CustomStringConvertible {
    case path(String)
    case file(Int)
    case folder(Int)

    public static let cloudRoot = ItemRef.folder(0)

    public var description: String {
        switch self {
        case .path(let p): p
        case .file(let id): "fileid \(id)"
        case .folder(let id): "folderid \(id)"
        }
    }
}

/// One item in a listing, local or cloud.
public struct Entry: Sendable, Hashable, Identifiable {
    public enum Kind: String, Sendable { case file, folder, symlink }

    /// Why a compare or a copy to pCloud leaves a symbolic link inside a folder out.
    static let symlinkNotFollowed = "symbolic link, not followed"

    public var name: String
    public var kind: Kind
    public var size: Int64
    public var modified: Date
    /// The full path on its drive when known (a cloud folder listed by id has none).
    public var path: String?

    // pCloud only.
    public var fileid: Int?
    public var folderid: Int?
    public var parentfolderid: Int?
    public var category: Int?
    public var contenttype: String?
    public var isshared = false
    public var ismine = true
    public var thumb = false
    /// pCloud's content hash: equal for equal content.
    public var hash: UInt64?
    /// The Crypto Folder: its content is ciphertext through the API, so it is shown locked.
    public var isLocked = false
    /// In the trash: where it lived (pCloud's `origparentfolderid`, or the local original path).
    public var origparentfolderid: Int?
    public var originalPath: String?
    /// A local trash entry's name under `Trash/files`.
    public var trashName: String?
    /// Only the name and kind are known yet (a big folder's first listing); size and time
    /// follow with the full listing.
    public var detailsPending = false

    public init(name: String, kind: Kind, size: Int64, modified: Date, path: String?) {
        self.name = name; self.kind = kind; self.size = size; self.modified = modified; self.path = path
    }

    public var isFolder: Bool { kind == .folder }

    /// `d<folderid>`/`f<fileid>` in the cloud, the path on disk.
    public var id: String {
        if let fileid { return "f\(fileid)" }
        if let folderid { return "d\(folderid)" }
        return path ?? name
    }

    /// The best way to address this entry again: ids in the cloud, the path on disk.
    public var ref: ItemRef {
        if let fileid { return .file(fileid) }
        if let folderid { return .folder(folderid) }
        return .path(path ?? name)
    }
}
