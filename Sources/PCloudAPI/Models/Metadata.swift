import Foundation

/// A file or folder as pCloud describes it (structures.md §1). Times are unix seconds: the
/// client always asks for `timeformat=timestamp`.
public struct Metadata: Decodable, Sendable, Hashable {
    public var name: String
    /// `"d<folderid>"` or `"f<fileid>"`.
    public var id: String
    public var isfolder: Bool
    public var ismine: Bool
    public var isshared: Bool
    public var thumb: Bool
    public var icon: String
    public var created: Int64
    public var modified: Int64
    public var parentfolderid: Int?
    public var path: String?
    public var comments: Int?
    public var isdeleted: Bool
    public var contents: [Metadata]?

    public var folderid: Int?

    public var fileid: Int?
    public var size: Int64?
    public var contenttype: String?
    public var category: Int?
    /// Content hash: equal for equal content; may exceed `Int64.max`.
    public var hash: UInt64?
    public var width: Int?
    public var height: Int?
    public var duration: String?
    public var artist: String?
    public var album: String?
    public var title: String?
    public var genre: String?
    public var trackno: Int?
    public var deletedfileid: Int?
    public var origparentfolderid: Int?
    public var position: Int?
    public var added: Int64?
    public var conflicted: Bool?

    public var canread: Bool?
    public var canmodify: Bool?
    public var candelete: Bool?
    public var cancreate: Bool?
    public var userid: Int?
    /// Crypto Folder marker (undocumented; REAL-SERVICE §9).
    public var encrypted: Bool?

    /// The file or folder id, whichever this entry is.
    public var itemID: Int { (isfolder ? folderid : fileid) ?? Int(id.dropFirst()) ?? 0 }
    public var modifiedDate: Date { Date(timeIntervalSince1970: TimeInterval(modified)) }
    public var createdDate: Date { Date(timeIntervalSince1970: TimeInterval(created)) }
    public var categoryKind: FileCategory? { category.flatMap(FileCategory.init(rawValue:)) }

    /// The Crypto Folder: its entries are ciphertext through the API, so pcmd shows it locked.
    public var isCryptoLocked: Bool { encrypted == true }

    enum CodingKeys: String, CodingKey {
        case name, id, isfolder, ismine, isshared, thumb, icon, created, modified, parentfolderid, path, comments
        case isdeleted, contents, folderid, fileid, size, contenttype, category, hash, width, height, duration
        case artist, album, title, genre, trackno, deletedfileid, origparentfolderid, position, added, conflicted
        case canread, canmodify, candelete, cancreate, userid, encrypted
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        id = try c.decode(String.self, forKey: .id)
        isfolder = try c.decode(Bool.self, forKey: .isfolder)
        ismine = try c.decodeIfPresent(Bool.self, forKey: .ismine) ?? true
        isshared = try c.decodeIfPresent(Bool.self, forKey: .isshared) ?? false
        thumb = try c.decodeIfPresent(Bool.self, forKey: .thumb) ?? false
        // `icon` is an integer with iconformat=id; the client never asks for that, but tolerate it.
        icon = (try? c.decodeIfPresent(String.self, forKey: .icon)) ?? (isfolder ? "folder" : "file")
        created = try c.decodeIfPresent(Int64.self, forKey: .created) ?? 0
        modified = try c.decodeIfPresent(Int64.self, forKey: .modified) ?? created
        parentfolderid = try c.decodeIfPresent(Int.self, forKey: .parentfolderid)
        path = try c.decodeIfPresent(String.self, forKey: .path)
        comments = try c.decodeIfPresent(Int.self, forKey: .comments)
        isdeleted = try c.decodeIfPresent(Bool.self, forKey: .isdeleted) ?? false
        contents = try c.decodeIfPresent([Metadata].self, forKey: .contents)
        folderid = try c.decodeIfPresent(Int.self, forKey: .folderid)
        fileid = try c.decodeIfPresent(Int.self, forKey: .fileid)
        size = try c.decodeIfPresent(Int64.self, forKey: .size)
        if let size, size < 0 { throw DecodingError.dataCorruptedError(forKey: .size, in: c, debugDescription: "negative size") }
        contenttype = try c.decodeIfPresent(String.self, forKey: .contenttype)
        category = try c.decodeIfPresent(Int.self, forKey: .category)
        hash = try c.decodeIfPresent(UInt64.self, forKey: .hash)
        width = try c.decodeIfPresent(Int.self, forKey: .width)
        height = try c.decodeIfPresent(Int.self, forKey: .height)
        duration = try? c.decodeIfPresent(String.self, forKey: .duration)
        artist = try c.decodeIfPresent(String.self, forKey: .artist)
        album = try c.decodeIfPresent(String.self, forKey: .album)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        genre = try c.decodeIfPresent(String.self, forKey: .genre)
        trackno = try? c.decodeIfPresent(Int.self, forKey: .trackno)
        deletedfileid = try? c.decodeIfPresent(Int.self, forKey: .deletedfileid)
        origparentfolderid = try c.decodeIfPresent(Int.self, forKey: .origparentfolderid)
        position = try c.decodeIfPresent(Int.self, forKey: .position)
        added = try c.decodeIfPresent(Int64.self, forKey: .added)
        conflicted = try c.decodeIfPresent(Bool.self, forKey: .conflicted)
        canread = try c.decodeIfPresent(Bool.self, forKey: .canread)
        canmodify = try c.decodeIfPresent(Bool.self, forKey: .canmodify)
        candelete = try c.decodeIfPresent(Bool.self, forKey: .candelete)
        cancreate = try c.decodeIfPresent(Bool.self, forKey: .cancreate)
        userid = try c.decodeIfPresent(Int.self, forKey: .userid)
        encrypted = try c.decodeIfPresent(Bool.self, forKey: .encrypted)
        guard Self.isPlausibleName(name, root: isfolder && folderid == 0) else {
            throw DecodingError.dataCorruptedError(forKey: .name, in: c, debugDescription: "a name no folder can hold")
        }
    }

    /// A name pCloud can give an item: not empty, `.` or `..`, and without `/` or NUL (the root
    /// alone is "/"). A hostile server's `../x` or `a/b` would otherwise become a local path
    /// outside the folder a download writes into.
    static func isPlausibleName(_ name: String, root: Bool) -> Bool {
        if root && name == "/" { return true }
        return !name.isEmpty && name != "." && name != ".." && !name.utf8.contains(0x2F) && !name.utf8.contains(0)
    }
}

/// `category` of a file.
public enum FileCategory: Int, Sendable {
    case uncategorized = 0, image, video, audio, document, archive
}

/// A trash entry is file/folder metadata with `isdeleted` and `origparentfolderid`.
public typealias TrashItem = Metadata
