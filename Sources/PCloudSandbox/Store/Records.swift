import GRDB

struct UserRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "users"
    var id: Int64?
    var email: String
    var password: String
    var rootid: Int64
    var quota: Int64
    var created: Int64
    var emailverified: Bool
    /// Set for accounts with two-factor login on: the code `tfa_login` accepts.
    var tfacode: String?
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    var uid: Int64 { id! }
}

enum TokenKind: String, Codable, Sendable { case oauth, session }

struct TokenRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "tokens"
    var id: Int64?
    var token: String
    var userid: Int64
    var kind: TokenKind
    var device: String
    var created: Int64
    /// Absolute expiry (unix seconds).
    var expires: Int64
    /// Seconds of inactivity after which the token dies; refreshed on every use.
    var inactiveexpire: Int64
    var lastused: Int64
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    var expiresInactive: Int64 { lastused + inactiveexpire }
}

struct FolderRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "folders"
    var id: Int64?
    var ownerid: Int64
    /// nil only for a user's root folder.
    var parentid: Int64?
    var name: String
    var created: Int64
    var modified: Int64
    var deleted: Bool = false
    /// The item the user deleted (as opposed to one deleted with its parent).
    var trashtop: Bool = false
    var deletedat: Int64?
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    var fid: Int64 { id! }
}

struct FileRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "files"
    var id: Int64?
    var ownerid: Int64
    var parentid: Int64
    var name: String
    /// Key of the content in the blob store (sha1 hex).
    var blob: String
    var size: Int64
    /// pCloud's 64-bit content hash, stored as the Int64 with the same bits.
    var hash: Int64
    var created: Int64
    var modified: Int64
    var deleted: Bool = false
    var trashtop: Bool = false
    var deletedat: Int64?
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    var fid: Int64 { id! }
}

extension FileRow {
    /// Read by position, in the order of `CREATE TABLE files` (every query selects `*` from
    /// files alone; columns added later come after these). A 100,000-file listing spent a
    /// quarter of its time in Codable's decoding by column name.
    init(row: Row) {
        id = row[0]; ownerid = row[1]; parentid = row[2]; name = row[3]; blob = row[4]; size = row[5]
        hash = row[6]; created = row[7]; modified = row[8]; deleted = row[9]; trashtop = row[10]; deletedat = row[11]
    }
}

struct BlobRow: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "blobs"
    var key: String
    var size: Int64
    var sha1: String
    var md5: String?
    var sha256: String?
    var hash: Int64

    /// Records content in the table once; the same content stored again is the same row.
    func register(_ db: Database) throws {
        try insert(db, onConflict: .ignore)
    }
}

struct RevisionRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "revisions"
    var id: Int64?
    var fileid: Int64
    var blob: String
    var size: Int64
    var hash: Int64
    var created: Int64
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct PublinkRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "publinks"
    var id: Int64?
    var code: String
    var ownerid: Int64
    var fileid: Int64?
    var folderid: Int64?
    var created: Int64
    var modified: Int64
    var expires: Int64?
    var maxdownloads: Int64?
    var maxtraffic: Int64?
    var downloads: Int64 = 0
    var traffic: Int64 = 0
    var shortcode: String?
    /// Tree links (`gettreepublink`): a virtual folder of these files and folders, fixed at creation.
    var treename: String?
    var treefileids: String?
    var treefolderids: String?
    var deleted: Bool = false
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A short-lived content URL handed out by `getfilelink` (and, later, its siblings).
struct ContentLinkRow: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "contentlinks"
    var code: String
    var blob: String
    var name: String
    var expires: Int64
    var contenttype: String
    var forcedownload: Bool
}

struct EventRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "events"
    var id: Int64?
    var userid: Int64
    var event: String
    var time: Int64
    /// The item as it was when the event happened (JSON of `Item`).
    var item: String
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A file or folder as the wire layer renders it.
enum Item: Codable, Sendable {
    case folder(FolderRow)
    case file(FileRow)
}

/// A share request (`accepted` false) or an established share of `folderid` (the owner's row).
struct ShareRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "shares"
    var id: Int64?
    var shareid: Int64?
    var fromuserid: Int64
    var touserid: Int64?
    var tomail: String
    var folderid: Int64
    var permissions: Int64
    var name: String
    var message: String?
    var code: String
    var created: Int64
    var expires: Int64
    var accepted: Bool = false
    /// Where the recipient sees it: a folder of theirs, under `mountname`.
    var mountid: Int64?
    var mountname: String?
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// An upload link: strangers may drop files into `folderid` of `ownerid`.
struct UploadLinkRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "uploadlinks"
    var id: Int64?
    var code: String
    var ownerid: Int64
    var folderid: Int64
    var comment: String
    var created: Int64
    var modified: Int64
    var expires: Int64?
    var maxspace: Int64?
    var maxfiles: Int64?
    var files: Int64 = 0
    var space: Int64 = 0
    var deleted: Bool = false
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A collection (playlist) of a user's files; its items are in `collectionitems`.
struct CollectionRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "collections"
    var id: Int64?
    var ownerid: Int64
    var name: String
    var type: Int64
    var system: Bool
    var created: Int64
    var modified: Int64
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
