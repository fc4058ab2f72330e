import Foundation
import GRDB

/// One user's view of the item tables inside a database transaction: lookups by id and by path,
/// with pCloud's wire ids (the user's root folder is folderid 0) and its error codes.
struct Tree {
    let db: Database
    let user: UserRow
    var rootid: Int64 { user.rootid }

    func wire(_ folderRowID: Int64) -> Int64 { folderRowID == rootid ? 0 : folderRowID }
    func row(_ wireFolderID: Int64) -> Int64 { wireFolderID == 0 ? rootid : wireFolderID }

    // MARK: lookups

    func folder(_ wireID: Int64, deleted: Bool = false) throws -> FolderRow {
        guard let f = try FolderRow.fetchOne(db, sql: "SELECT * FROM folders WHERE id = ? AND ownerid = ? AND deleted = ?",
                                             arguments: [row(wireID), user.uid, deleted])
        else { throw APIError(2005) }
        return f
    }

    func file(_ id: Int64, deleted: Bool = false) throws -> FileRow {
        guard let f = try FileRow.fetchOne(db, sql: "SELECT * FROM files WHERE id = ? AND ownerid = ? AND deleted = ?",
                                           arguments: [id, user.uid, deleted])
        else { throw APIError(2009) }
        return f
    }

    func childFolder(_ parent: Int64, _ name: String) throws -> FolderRow? {
        try FolderRow.fetchOne(db, sql: "SELECT * FROM folders WHERE parentid = ? AND name = ? AND deleted = 0",
                               arguments: [parent, name])
    }

    func childFile(_ parent: Int64, _ name: String) throws -> FileRow? {
        try FileRow.fetchOne(db, sql: "SELECT * FROM files WHERE parentid = ? AND name = ? AND deleted = 0",
                             arguments: [parent, name])
    }

    func childFolders(_ parent: Int64, deleted: Bool = false) throws -> [FolderRow] {
        try FolderRow.fetchAll(db, sql: "SELECT * FROM folders WHERE parentid = ? AND deleted = ? ORDER BY name",
                               arguments: [parent, deleted])
    }

    func childFiles(_ parent: Int64, deleted: Bool = false) throws -> [FileRow] {
        try FileRow.fetchAll(db, sql: "SELECT * FROM files WHERE parentid = ? AND deleted = ? ORDER BY name",
                             arguments: [parent, deleted])
    }

    static func components(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// A folder by absolute path: 2005 if the last component is missing, 2002 if an earlier one is.
    func folder(path: String) throws -> FolderRow {
        guard path.hasPrefix("/") else { throw APIError(2010) }
        var current = try folder(0)
        let parts = Tree.components(path)
        for (i, name) in parts.enumerated() {
            guard let next = try childFolder(current.fid, name) else {
                throw APIError(i == parts.count - 1 ? 2005 : 2002)
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

    func usedQuota() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(size), 0) FROM files WHERE ownerid = ? AND deleted = 0",
                           arguments: [user.uid]) ?? 0
    }

    func checkQuota(adding bytes: Int64) throws {
        if try usedQuota() + bytes > user.quota { throw APIError(2008) }
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
        let ns = name as NSString
        let ext = ns.pathExtension
        let base = ext.isEmpty ? name : ns.deletingPathExtension
        var k = 1
        while true {
            let candidate = ext.isEmpty ? "\(base) (\(k))" : "\(base) (\(k)).\(ext)"
            if try childFile(parent, candidate) == nil { return candidate }
            k += 1
        }
    }
}
