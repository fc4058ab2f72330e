import GRDB

/// Content of a file as a copy or upload hands it over.
struct Content: Sendable {
    let blob: String
    let size: Int64
    let hash: Int64

    init(blob: String, size: Int64, hash: Int64) { self.blob = blob; self.size = size; self.hash = hash }
    init(_ row: BlobRow) { self.init(blob: row.key, size: row.size, hash: row.hash) }
    init(_ file: FileRow) { self.init(blob: file.blob, size: file.size, hash: file.hash) }
}

extension Tree {
    func createFolder(in parent: FolderRow, name: String, at now: Int64 = Dates.now()) throws -> FolderRow {
        try require(1, in: parent)
        var row = FolderRow(ownerid: parent.ownerid, parentid: parent.fid, name: name, created: now, modified: now)
        try row.insert(db)
        try event("createfolder", .folder(row), time: now)
        try touch(parent.fid, at: now)
        return row
    }

    /// Writes `content` as `name` in `parent`. An existing file is overwritten in place: it keeps
    /// its fileid and its old content becomes a revision; identical content only moves `modified`.
    func putFile(in parent: FolderRow, name: String, content: Content, mtime: Int64?, ctime: Int64?,
                 renameIfExists: Bool = false) throws -> FileRow {
        let now = Dates.now()
        var existing = try childFile(parent.fid, name)
        var name = name
        if existing != nil && renameIfExists {
            name = try freeFileName(in: parent.fid, for: name)
            existing = nil
        }
        try require(existing == nil ? 1 : 2, in: parent)
        try checkQuota(adding: content.size - (existing?.size ?? 0), owner: parent.ownerid)
        if var file = existing {
            if file.blob != content.blob {
                var revision = RevisionRow(fileid: file.fid, blob: file.blob, size: file.size, hash: file.hash, created: file.modified)
                try revision.insert(db)
                file.blob = content.blob
                file.size = content.size
                file.hash = content.hash
            }
            file.modified = mtime ?? now
            if let ctime { file.created = ctime }
            try file.update(db)
            try event("modifyfile", .file(file), time: now)
            try touch(parent.fid, at: now)
            return file
        }
        var file = FileRow(ownerid: parent.ownerid, parentid: parent.fid, name: name, blob: content.blob, size: content.size,
                           hash: content.hash, created: ctime ?? now, modified: mtime ?? now)
        try file.insert(db)
        try event("createfile", .file(file), time: now)
        try touch(parent.fid, at: now)
        return file
    }

    /// Every live folder and file below `folder` (not including it).
    func descendants(of folder: FolderRow) throws -> (folders: [FolderRow], files: [FileRow]) {
        var folders: [FolderRow] = [], files: [FileRow] = []
        var queue = [folder.fid]
        while let id = queue.popLast() {
            let subs = try childFolders(id)
            folders += subs
            queue += subs.map(\.fid)
            files += try childFiles(id)
        }
        return (folders, files)
    }

    /// Moves a folder and everything in it to its owner's trash. A folder with shares or share
    /// requests in it cannot go (2028).
    func trash(folder: FolderRow) throws -> (folders: Int, files: Int) {
        let now = Dates.now()
        if let parent = folder.parentid, let p = try FolderRow.fetchOne(db, key: parent) { try require(4, in: p) }
        let (folders, files) = try descendants(of: folder)
        let ids = [folder.fid] + folders.map(\.fid)
        if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM shares WHERE folderid IN (\(ids.map(String.init).joined(separator: ",")))") ?? 0 > 0 {
            throw APIError(2028, "There are active shares or sharerequests for this folder.")
        }
        for var f in files {
            f.deleted = true; f.deletedat = now
            try f.update(db)
            try event("deletefile", .file(f), time: now)
        }
        for var f in folders.reversed() {
            f.deleted = true; f.deletedat = now
            try f.update(db)
            try event("deletefolder", .folder(f), time: now)
        }
        var top = folder
        top.deleted = true; top.trashtop = true; top.deletedat = now
        try top.update(db)
        try event("deletefolder", .folder(top), time: now)
        if let parent = folder.parentid { try touch(parent, at: now) }
        return (folders.count + 1, files.count)
    }

    func trash(file: FileRow) throws -> FileRow {
        let now = Dates.now()
        if let p = try FolderRow.fetchOne(db, key: file.parentid) { try require(4, in: p) }
        var f = file
        f.deleted = true; f.trashtop = true; f.deletedat = now
        try f.update(db)
        try event("deletefile", .file(f), time: now)
        try touch(f.parentid, at: now)
        return f
    }

    /// Copies the children of `source` into `target`, merging folders; existing files are
    /// overwritten unless `noover` (2004) or `skipExisting`.
    func copyContents(of source: FolderRow, into target: FolderRow, noover: Bool, skipExisting: Bool) throws {
        for sub in try childFolders(source.fid) {
            let dest = try childFolder(target.fid, sub.name) ?? createFolder(in: target, name: sub.name)
            try copyContents(of: sub, into: dest, noover: noover, skipExisting: skipExisting)
        }
        for file in try childFiles(source.fid) {
            if try childFile(target.fid, file.name) != nil {
                if noover { throw APIError(2004) }
                if skipExisting { continue }
            }
            _ = try putFile(in: target, name: file.name, content: Content(file), mtime: file.modified, ctime: file.created)
        }
    }
}
