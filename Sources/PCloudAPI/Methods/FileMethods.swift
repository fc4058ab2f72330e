import Foundation

extension PCloudClient {
    public func stat(_ file: Target) async throws -> Metadata {
        try await metadataCall("stat", file.params(idKey: "fileid"), idempotent: true)
    }

    public func stat(fileid: Int) async throws -> Metadata { try await stat(.id(fileid)) }

    /// Rename and/or move; an existing target is replaced atomically (`deletedfileid` set).
    public func renameFile(_ fileid: Int, to destination: Destination) async throws -> Metadata {
        var p: Params = ["fileid": String(fileid)]
        p.merge(destination.params)
        return try await metadataCall("renamefile", p, idempotent: false)
    }

    /// Copies a file (or one of its revisions). `noover` fails with 2004 instead of overwriting;
    /// copying onto itself with `mtime` sets the modification time without re-uploading.
    public func copyFile(_ fileid: Int, to destination: Destination, noover: Bool = false, mtime: Int64? = nil,
                         ctime: Int64? = nil, revisionid: Int? = nil) async throws -> Metadata {
        var p: Params = ["fileid": String(fileid)]
        p.merge(destination.params)
        p.flag("noover", noover)
        p.set("mtime", mtime)
        if mtime != nil { p.set("ctime", ctime) }
        p.set("revisionid", revisionid)
        return try await metadataCall("copyfile", p, idempotent: false)
    }

    public func deleteFile(_ fileid: Int) async throws -> Metadata {
        try await metadataCall("deletefile", ["fileid": String(fileid)], idempotent: false)
    }

    public func checksumFile(_ fileid: Int, revisionid: Int? = nil) async throws -> (checksums: Checksums, metadata: Metadata) {
        // sha1 is documented as always there; a reply with only the region's digest still decodes
        // (sha1 then empty) so callers can use what was given.
        struct R: Decodable { var sha1: String?; var md5: String?; var sha256: String?; var metadata: Metadata }
        var p: Params = ["fileid": String(fileid)]
        p.set("revisionid", revisionid)
        let r = try await call("checksumfile", p, idempotent: true, as: R.self)
        return (Checksums(sha1: r.sha1 ?? "", md5: r.md5, sha256: r.sha256), r.metadata)
    }
}
