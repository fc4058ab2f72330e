/// Renders folders and files as pCloud metadata objects (structures.md §1), from the point of
/// view of one user (whose root is folderid 0).
struct MetadataRenderer {
    let rootid: Int64
    let tf: TimeFormat
    /// Whose view this is (0: the owner's, as on public links) and the shares shaping it.
    var viewer: Int64 = 0
    var shares: ShareContext = .none

    /// For items reached through a share: `ismine: false`, the owner, and what the viewer may do.
    private func foreign(_ owner: Int64, into o: inout JSONObject, folder: Bool) {
        guard viewer != 0, owner != viewer else { return }
        let perms = shares.incoming.filter { $0.ownerid == owner }.map(\.permissions).reduce(0, |)
        o["ismine"] = false
        o["userid"] = .int(owner)
        o["canread"] = true
        o["canmodify"] = .bool(perms & 2 != 0)
        o["candelete"] = .bool(perms & 4 != 0)
        if folder { o["cancreate"] = .bool(perms & 1 != 0) }
    }

    func wire(_ folderRowID: Int64) -> Int64 { folderRowID == rootid ? 0 : folderRowID }

    func folder(_ f: FolderRow, path: String? = nil, contents: [JSON]? = nil) -> JSONObject {
        let id = wire(f.fid)
        // A folder shared with the viewer sits where they accepted it, under their name for it.
        let mount = viewer != 0 && f.ownerid != viewer ? shares.incoming.first { $0.folderid == f.fid } : nil
        var o = JSONObject()
        if id == 0 {
            o["path"] = "/"
            o["name"] = "/"
        } else {
            if let path { o["path"] = .string(path) }
            o["name"] = .string(mount?.mountname ?? f.name)
        }
        o["created"] = tf.json(f.created)
        o["modified"] = tf.json(f.modified)
        o["ismine"] = true
        o["thumb"] = false
        o["id"] = .string("d\(id)")
        o["isshared"] = .bool(shares.outgoingFolders.contains(f.fid))
        o["icon"] = "folder"
        o["isfolder"] = true
        if let parent = mount?.mountid ?? f.parentid, id != 0 { o["parentfolderid"] = .int(wire(parent)) }
        o["folderid"] = .int(id)
        o["comments"] = 0
        if f.deleted { o["isdeleted"] = true }
        foreign(f.ownerid, into: &o, folder: true)
        if let contents { o["contents"] = .array(contents) }
        return o
    }

    func file(_ f: FileRow, path: String? = nil) -> JSONObject {
        let kind = ContentKind.of(name: f.name)
        var o = JSONObject(capacity: 20)
        if let path { o.add("path", .string(path)) }
        o.add("name", .string(f.name))
        o.add("created", tf.json(f.created))
        o.add("thumb", .bool(kind.thumb))
        o.add("modified", tf.json(f.modified))
        o.add("isfolder", false)
        o.add("fileid", .int(f.fid))
        o.add("hash", .uint(UInt64(bitPattern: f.hash)))
        o.add("comments", 0)
        o.add("category", .int(kind.category))
        o.add("id", .string("f\(f.fid)"))
        o.add("isshared", false)
        o.add("ismine", true)
        o.add("size", .int(f.size))
        o.add("parentfolderid", .int(wire(f.parentid)))
        o.add("contenttype", .string(kind.contentType))
        o.add("icon", .string(kind.icon))
        if f.deleted { o.add("isdeleted", true) }
        foreign(f.ownerid, into: &o, folder: false)
        return o
    }

    func item(_ item: Item) -> JSONObject {
        switch item {
        case .folder(let f): return folder(f)
        case .file(let f): return file(f)
        }
    }
}
