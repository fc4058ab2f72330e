import GRDB

enum TrashMethods {
    static let methods: [String: MethodSpec] = [
        "trash_clear": MethodSpec(auth: .sessionOrPassword, handler: clear),
    ]

    /// Deletes for good: one trashed file or folder, or with `folderid=0` the whole trash.
    static func clear(_ call: Call) async throws -> Reply {
        let p = call.params
        try await call.write { t in
            let uid = t.user.uid
            if let fileid = try p.int64("fileid", invalid: 1018) {
                let file = try t.file(fileid, deleted: true)
                try t.db.execute(sql: "DELETE FROM revisions WHERE fileid = ?", arguments: [file.fid])
                try t.db.execute(sql: "DELETE FROM files WHERE id = ?", arguments: [file.fid])
            } else if let folderid = try p.int64("folderid", invalid: 1017) {
                if folderid == 0 {
                    try t.db.execute(sql: "DELETE FROM revisions WHERE fileid IN (SELECT id FROM files WHERE ownerid = ? AND deleted = 1)",
                                     arguments: [uid])
                    try t.db.execute(sql: "DELETE FROM files WHERE ownerid = ? AND deleted = 1", arguments: [uid])
                    try t.db.execute(sql: "DELETE FROM folders WHERE ownerid = ? AND deleted = 1", arguments: [uid])
                } else {
                    let folder = try t.folder(folderid, deleted: true)
                    var queue = [folder.fid], folders: [Int64] = []
                    while let id = queue.popLast() {
                        folders.append(id)
                        queue += try Int64.fetchAll(t.db, sql: "SELECT id FROM folders WHERE parentid = ? AND deleted = 1", arguments: [id])
                    }
                    for id in folders {
                        try t.db.execute(sql: "DELETE FROM revisions WHERE fileid IN (SELECT id FROM files WHERE parentid = ? AND deleted = 1)",
                                         arguments: [id])
                        try t.db.execute(sql: "DELETE FROM files WHERE parentid = ? AND deleted = 1", arguments: [id])
                        try t.db.execute(sql: "DELETE FROM folders WHERE id = ?", arguments: [id])
                    }
                }
            } else {
                throw APIError(1053)
            }
        }
        try await call.store.collectGarbage()
        return .ok
    }
}
