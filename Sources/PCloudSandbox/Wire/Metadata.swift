/// Renders folders and files as pCloud metadata objects (structures.md §1), from the point of
/// view of one user (whose root is folderid 0).
struct MetadataRenderer {
    let rootid: Int64
    let tf: TimeFormat

    func wire(_ folderRowID: Int64) -> Int64 { folderRowID == rootid ? 0 : folderRowID }

    func folder(_ f: FolderRow, path: String? = nil, contents: [JSON]? = nil) -> JSONObject {
        let id = wire(f.fid)
        var o = JSONObject()
        if id == 0 {
            o["path"] = "/"
            o["name"] = "/"
        } else {
            if let path { o["path"] = .string(path) }
            o["name"] = .string(f.name)
        }
        o["created"] = tf.json(f.created)
        o["modified"] = tf.json(f.modified)
        o["ismine"] = true
        o["thumb"] = false
        o["id"] = .string("d\(id)")
        o["isshared"] = false
        o["icon"] = "folder"
        o["isfolder"] = true
        if let parent = f.parentid, id != 0 { o["parentfolderid"] = .int(wire(parent)) }
        o["folderid"] = .int(id)
        o["comments"] = 0
        if f.deleted { o["isdeleted"] = true }
        if let contents { o["contents"] = .array(contents) }
        return o
    }

    func file(_ f: FileRow, path: String? = nil) -> JSONObject {
        let kind = ContentKind.of(name: f.name)
        var o = JSONObject()
        if let path { o["path"] = .string(path) }
        o["name"] = .string(f.name)
        o["created"] = tf.json(f.created)
        o["thumb"] = .bool(kind.thumb)
        o["modified"] = tf.json(f.modified)
        o["isfolder"] = false
        o["fileid"] = .int(f.fid)
        o["hash"] = .uint(UInt64(bitPattern: f.hash))
        o["comments"] = 0
        o["category"] = .int(kind.category)
        o["id"] = .string("f\(f.fid)")
        o["isshared"] = false
        o["ismine"] = true
        o["size"] = .int(f.size)
        o["parentfolderid"] = .int(wire(f.parentid))
        o["contenttype"] = .string(kind.contentType)
        o["icon"] = .string(kind.icon)
        if f.deleted { o["isdeleted"] = true }
        return o
    }

    func item(_ item: Item) -> JSONObject {
        switch item {
        case .folder(let f): return folder(f)
        case .file(let f): return file(f)
        }
    }
}
