/// How a request names the item it acts on and where results go (methods.md, "Conventions").
extension Params {
    /// `folderid` or `path`; 1002 when both are missing. A missing `path` answers 2005 at any
    /// depth: the methods naming their folder this way list only 2005 (listfolder,
    /// renamefolder, deletefolder, copyfolder, uploadfile, sharefolder, …); acceptshare, which
    /// lists 2002, passes it as `missingParent`.
    func folder(in t: Tree, missing: Int = 1002, missingParent: Int = 2005) throws -> FolderRow {
        if let id = try int64("folderid", invalid: 1017) { return try t.folder(id) }
        if let path = self["path"] { return try t.folder(path: path, missingParent: missingParent) }
        throw APIError(missing)
    }

    /// `fileid` or `path`; 1004 when both are missing.
    func file(in t: Tree) throws -> FileRow {
        if let id = try int64("fileid", invalid: 1018) { return try t.file(id) }
        if let path = self["path"] { return try t.file(path: path) }
        throw APIError(1004)
    }

    /// A new item: `folderid` + `name`, or a full `path`; 1001 when neither is given.
    func newItem(in t: Tree) throws -> (FolderRow, String) {
        if let id = try int64("folderid", invalid: 1017), let name = self["name"] {
            return (try t.folder(id), try Tree.validName(name))
        }
        if let path = self["path"] {
            let (parent, name) = try t.parentAndName(path: path)
            return (parent, try Tree.validName(name))
        }
        throw APIError(1001)
    }

    /// The destination of a copy or move: `topath` (a trailing `/` names a folder and keeps the
    /// source name) or `tofolderid` and/or `toname`. Returns nil when none is given.
    func destination(in t: Tree, sourceParent: Int64, sourceName: String) throws -> (FolderRow, String)? {
        if let topath = self["topath"] {
            if topath.hasSuffix("/") { return (try t.folder(path: topath), sourceName) }
            let (parent, name) = try t.parentAndName(path: topath)
            return (parent, try Tree.validName(name))
        }
        let folderID = try int64("tofolderid", invalid: 1017)
        let name = self["toname"]
        if folderID == nil && name == nil { return nil }
        let parent = try folderID.map { try t.folder($0) } ?? t.folder(t.wire(sourceParent))
        return (parent, try Tree.validName(name ?? sourceName))
    }

    /// `mtime`, and `ctime` (honoured only together with `mtime`).
    func times() throws -> (mtime: Int64?, ctime: Int64?) {
        let m = try int64("mtime")
        return (m, m == nil ? nil : try int64("ctime"))
    }
}
