import GRDB

extension Tree {
    /// `id` itself if it is a live folder, else its nearest live ancestor (the root at worst).
    func liveAncestor(of id: Int64) throws -> FolderRow {
        var current: Int64? = id
        while let c = current, let f = try FolderRow.fetchOne(db, key: c) {
            if !f.deleted { return f }
            current = f.parentid
        }
        return try folder(0)
    }

    func freeFolderName(in parent: Int64, for name: String) throws -> String {
        guard try childFolder(parent, name) != nil else { return name }
        var k = 1
        while try childFolder(parent, "\(name) (\(k))") != nil { k += 1 }
        return "\(name) (\(k))"
    }

    /// The live folder a restored item goes into: `into`, or its old folder, recreating the
    /// folders on the way that were deleted (as pCloud does) under the nearest live ancestor.
    private func restoreParent(for oldParent: Int64, into: FolderRow?) throws -> FolderRow {
        if let into { return into }
        var chain: [FolderRow] = []
        var current: Int64? = oldParent
        while let c = current, let f = try FolderRow.fetchOne(db, key: c), f.deleted {
            chain.append(f)
            current = f.parentid
        }
        var parent = try liveAncestor(of: current ?? rootid)
        for gone in chain.reversed() {
            parent = try childFolder(parent.fid, gone.name) ?? createFolder(in: parent, name: gone.name)
        }
        return parent
    }

    func restore(file: FileRow, into: FolderRow?) throws -> FileRow {
        let parent = try restoreParent(for: file.parentid, into: into)
        try checkQuota(adding: file.size)
        var f = file
        f.name = try freeFileName(in: parent.fid, for: f.name)
        f.parentid = parent.fid
        f.deleted = false; f.trashtop = false; f.deletedat = nil
        try f.update(db)
        try event("createfile", .file(f))
        try touch(parent.fid, at: Dates.now())
        return f
    }

    /// Brings a trashed folder back with what was deleted together with it.
    func restore(folder: FolderRow, into: FolderRow?) throws -> FolderRow {
        let parent = try restoreParent(for: folder.parentid ?? rootid, into: into)
        var f = folder
        f.name = try freeFolderName(in: parent.fid, for: f.name)
        f.parentid = parent.fid
        f.deleted = false; f.trashtop = false; f.deletedat = nil
        try f.update(db)
        try event("createfolder", .folder(f))
        var queue = [f.fid]
        while let id = queue.popLast() {
            for var sub in try FolderRow.fetchAll(db, sql: "SELECT * FROM folders WHERE parentid = ? AND deleted = 1 AND trashtop = 0", arguments: [id]) {
                sub.deleted = false; sub.deletedat = nil
                try sub.update(db)
                try event("createfolder", .folder(sub))
                queue.append(sub.fid)
            }
            for var file in try FileRow.fetchAll(db, sql: "SELECT * FROM files WHERE parentid = ? AND deleted = 1 AND trashtop = 0", arguments: [id]) {
                try checkQuota(adding: file.size)
                file.deleted = false; file.deletedat = nil
                try file.update(db)
                try event("createfile", .file(file))
            }
        }
        try touch(parent.fid, at: Dates.now())
        return f
    }
}
