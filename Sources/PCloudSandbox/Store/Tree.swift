import Foundation
import GRDB

/// One user's view of the item tables inside a database transaction: lookups by id and by path,
/// with pCloud's wire ids (the user's root folder is folderid 0) and its error codes. Folders
/// shared with the user appear where they were accepted, and writes through them are checked
/// against the share's permissions.
struct Tree {
    let db: Database
    let user: UserRow
    let shares: ShareContext
    var rootid: Int64 { user.rootid }

    /// `shares` as the request already loaded them, or read here.
    init(db: Database, user: UserRow, shares: ShareContext? = nil) throws {
        self.db = db
        self.user = user
        self.shares = try shares ?? ShareContext.load(db, user: user.uid)
    }

    func wire(_ folderRowID: Int64) -> Int64 { folderRowID == rootid ? 0 : folderRowID }
    func row(_ wireFolderID: Int64) -> Int64 { wireFolderID == 0 ? rootid : wireFolderID }

    // MARK: lookups

    /// A folder the user owns or reaches through a share (deleted ones: only their own).
    func folder(_ wireID: Int64, deleted: Bool = false) throws -> FolderRow {
        guard let f = try FolderRow.fetchOne(db, sql: "SELECT * FROM folders WHERE id = ? AND deleted = ?",
                                             arguments: [row(wireID), deleted]),
              try f.ownerid == user.uid || (!deleted && share(covering: f.fid) != nil)
        else { throw APIError(2005) }
        return f
    }

    func file(_ id: Int64, deleted: Bool = false) throws -> FileRow {
        guard let f = try FileRow.fetchOne(db, sql: "SELECT * FROM files WHERE id = ? AND deleted = ?", arguments: [id, deleted]),
              try f.ownerid == user.uid || (!deleted && share(covering: f.parentid) != nil)
        else { throw APIError(2009) }
        return f
    }

    /// The accepted incoming share whose folder contains `folderRowID`, if any.
    func share(covering folderRowID: Int64) throws -> ShareMount? {
        guard !shares.incoming.isEmpty else { return nil }
        var current: Int64? = folderRowID
        while let id = current {
            if let m = shares.incoming.first(where: { $0.folderid == id }) { return m }
            current = try Int64?.fetchOne(db, sql: "SELECT parentid FROM folders WHERE id = ?", arguments: [id]) ?? nil
        }
        return nil
    }

    /// Refuses a write into `folder` unless the user owns it or the share allows `permission`
    /// (1 create, 2 modify, 4 delete).
    func require(_ permission: Int64, in folder: FolderRow) throws {
        guard folder.ownerid != user.uid else { return }
        guard let m = try share(covering: folder.fid), m.permissions & permission != 0 else { throw APIError(2003) }
    }

    func childFolder(_ parent: Int64, _ name: String) throws -> FolderRow? {
        if let m = shares.incoming.first(where: { $0.mountid == parent && $0.mountname == name }) {
            return try FolderRow.fetchOne(db, key: m.folderid)
        }
        return try FolderRow.fetchOne(db, sql: "SELECT * FROM folders WHERE parentid = ? AND name = ? AND deleted = 0",
                                      arguments: [parent, name])
    }

    func childFile(_ parent: Int64, _ name: String) throws -> FileRow? {
        try FileRow.fetchOne(db, sql: "SELECT * FROM files WHERE parentid = ? AND name = ? AND deleted = 0",
                             arguments: [parent, name])
    }

    /// Sub-folders, with the shares accepted into this folder among them.
    func childFolders(_ parent: Int64, deleted: Bool = false) throws -> [FolderRow] {
        let own = try FolderRow.fetchAll(db, sql: "SELECT * FROM folders WHERE parentid = ? AND deleted = ? ORDER BY name",
                                         arguments: [parent, deleted])
        let mounted = deleted ? [] : try shares.incoming.filter { $0.mountid == parent }.compactMap { try FolderRow.fetchOne(db, key: $0.folderid) }
        return own + mounted
    }

    func childFiles(_ parent: Int64, deleted: Bool = false) throws -> [FileRow] {
        try FileRow.fetchAll(db, sql: "SELECT * FROM files WHERE parentid = ? AND deleted = ? ORDER BY name",
                             arguments: [parent, deleted])
    }

    static func components(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// A folder by absolute path: 2005 if the last component is missing; if an earlier one is,
    /// `missingParent` (2002 where the method's reference lists it, 2005 where it lists only that).
    func folder(path: String, missingParent: Int = 2002) throws -> FolderRow {
        guard path.hasPrefix("/") else { throw APIError(2010) }
        var current = try folder(0)
        let parts = Tree.components(path)
        for (i, name) in parts.enumerated() {
            guard let next = try childFolder(current.fid, name) else {
                throw APIError(i == parts.count - 1 ? 2005 : missingParent)
            }
            current = next
        }
        return current
    }

    /// Splits `/a/b/name` into the (existing) folder `/a/b` and `name`.
    func parentAndName(path: String) throws -> (FolderRow, String) {
        guard path.hasPrefix("/") else { throw APIError(2010) }
        var parts = Tree.components(path)
        guard let name = parts.popLast() else { throw APIError(2001) }
        var current = try folder(0)
        for part in parts {
            guard let next = try childFolder(current.fid, part) else { throw APIError(2002) }
            current = next
        }
        return (current, name)
    }

    func file(path: String) throws -> FileRow {
        let (parent, name) = try parentAndName(path: path)
        guard let f = try childFile(parent.fid, name) else { throw APIError(2009) }
        return f
    }

    /// Absolute path of a live folder ("/" for the root).
    func path(ofFolder f: FolderRow) throws -> String {
        var names: [String] = []
        var current = f
        while let parent = current.parentid {
            // A shared folder sits where this user accepted it.
            if current.ownerid != user.uid, let m = shares.incoming.first(where: { $0.folderid == current.fid }),
               let mount = m.mountid, let p = try FolderRow.fetchOne(db, key: mount) {
                names.append(m.mountname ?? current.name)
                current = p
                continue
            }
            names.append(current.name)
            guard let p = try FolderRow.fetchOne(db, key: parent) else { break }
            current = p
        }
        return "/" + names.reversed().joined(separator: "/")
    }

    func path(ofFile f: FileRow) throws -> String {
        let parent = try path(ofFolder: try folder(wire(f.parentid), deleted: false))
        return parent == "/" ? "/" + f.name : parent + "/" + f.name
    }

    /// True when `candidate` is `ancestor` or lies below it.
    func isWithin(_ candidate: Int64, _ ancestor: Int64) throws -> Bool {
        var current: Int64? = candidate
        while let id = current {
            if id == ancestor { return true }
            current = try Int64?.fetchOne(db, sql: "SELECT parentid FROM folders WHERE id = ?", arguments: [id]) ?? nil
        }
        return false
    }

    func usedQuota(of owner: Int64? = nil) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT usedquota FROM users WHERE id = ?", arguments: [owner ?? user.uid]) ?? 0
    }

    /// Writes through a share count against the folder owner's quota.
    func checkQuota(adding bytes: Int64, owner: Int64? = nil) throws {
        if bytes > (try freeQuota(owner: owner)) { throw APIError(2008) }
    }

    /// Bytes the owner (the caller by default) may still store.
    func freeQuota(owner: Int64? = nil) throws -> Int64 {
        let owner = owner ?? user.uid
        let quota = owner == user.uid ? user.quota : try Int64.fetchOne(db, sql: "SELECT quota FROM users WHERE id = ?", arguments: [owner]) ?? 0
        return quota - (try usedQuota(of: owner))
    }

    /// A rename in place needs `modify`; a move needs `delete` where it leaves and `create`
    /// where it lands.
    func requireMove(from oldParent: Int64, to target: FolderRow) throws {
        guard let source = try FolderRow.fetchOne(db, key: oldParent) else { throw APIError(2005) }
        if source.fid == target.fid {
            try require(2, in: source)
        } else {
            try require(4, in: source)
            try require(1, in: target)
        }
    }

    // MARK: changes

    /// A folder's `modified` follows changes to its children.
    func touch(_ folderRowID: Int64, at time: Int64) throws {
        try db.execute(sql: "UPDATE folders SET modified = ? WHERE id = ?", arguments: [time, folderRowID])
        if let f = try FolderRow.fetchOne(db, key: folderRowID) { try event("modifyfolder", .folder(f)) }
    }

    /// Appends to the user's `diff` log.
    func event(_ name: String, _ item: Item, time: Int64 = Dates.now()) throws {
        let json = String(decoding: try JSONEncoder().encode(item), as: UTF8.self)
        var row = EventRow(userid: user.uid, event: name, time: time, item: json)
        try row.insert(db)
    }

    static func validName(_ name: String) throws -> String {
        guard !name.isEmpty, name != ".", name != "..", name.utf8.count < 1024,
              !name.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\0" || $0 == "\u{FFFD}" })
        else { throw APIError(2001) }
        return name
    }

    /// `name (1).ext`, `name (2).ext`, … until no file of that name exists.
    func freeFileName(in parent: Int64, for name: String) throws -> String {
        guard try childFile(parent, name) != nil else { return name }
        var k = 1
        while try childFile(parent, Tree.name(name, suffix: " (\(k))")) != nil { k += 1 }
        return Tree.name(name, suffix: " (\(k))")
    }

    /// `suffix` put between a file name and its extension.
    static func name(_ name: String, suffix: String) -> String {
        let ns = name as NSString
        let ext = ns.pathExtension
        return ext.isEmpty ? name + suffix : ns.deletingPathExtension + suffix + "." + ext
    }
}
