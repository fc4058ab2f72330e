import Foundation

/// Flags of `listfolder`.
public struct ListOptions: Sendable, Hashable {
    public var recursive = false
    public var showdeleted = false
    public var nofiles = false
    public var noshares = false
    public init(recursive: Bool = false, showdeleted: Bool = false, nofiles: Bool = false, noshares: Bool = false) {
        self.recursive = recursive; self.showdeleted = showdeleted; self.nofiles = nofiles; self.noshares = noshares
    }
}

extension PCloudClient {
    public func createFolder(in parent: Int, name: String) async throws -> Metadata {
        try await metadataCall("createfolder", ["folderid": String(parent), "name": name], idempotent: false)
    }

    public func createFolder(path: String) async throws -> Metadata {
        try await metadataCall("createfolder", ["path": path], idempotent: false)
    }

    /// Returns the folder, new or existing; safe to repeat.
    public func createFolderIfNotExists(in parent: Int, name: String) async throws -> (metadata: Metadata, created: Bool) {
        struct R: Decodable { var metadata: Metadata; var created: Bool? }
        let r = try await call("createfolderifnotexists", ["folderid": String(parent), "name": name], idempotent: true,
                               as: R.self)
        return (r.metadata, r.created ?? false)
    }

    /// One `listfolder` call. A large listing is decoded by the fast metadata scanner.
    public func listFolder(_ folder: Target, options: ListOptions = ListOptions()) async throws -> Metadata {
        try await listFolder(folder, options: options, retrying: true)
    }

    /// `retrying: false` for a recursive attempt that has a fallback: its 5000 usually means
    /// "too big or too deep" and would only be repeated in vain (REAL-SERVICE §6).
    func listFolder(_ folder: Target, options: ListOptions, retrying: Bool) async throws -> Metadata {
        var p = folder.params(idKey: "folderid")
        p.flag("recursive", options.recursive)
        p.flag("showdeleted", options.showdeleted)
        p.flag("nofiles", options.nofiles)
        p.flag("noshares", options.noshares)
        let data = retrying ? try await callData("listfolder", p, auth: .account, idempotent: true)
            : try await callDataOnce("listfolder", p, auth: .account)
        return try decodeMetadataReply(data, method: "listfolder")
    }

    public func listFolder(_ folderid: Int, options: ListOptions = ListOptions()) async throws -> Metadata {
        try await listFolder(.id(folderid), options: options)
    }

    /// Rename and/or move; the folder keeps its id.
    public func renameFolder(_ folderid: Int, to destination: Destination) async throws -> Metadata {
        var p: Params = ["folderid": String(folderid)]
        p.merge(destination.params)
        return try await metadataCall("renamefolder", p, idempotent: false)
    }

    /// Moves an empty folder to the trash.
    public func deleteFolder(_ folderid: Int) async throws -> Metadata {
        try await metadataCall("deletefolder", ["folderid": String(folderid)], idempotent: false)
    }

    public struct DeletedCounts: Decodable, Sendable { public var deletedfiles: Int; public var deletedfolders: Int }

    public func deleteFolderRecursive(_ folderid: Int) async throws -> DeletedCounts {
        try await call("deletefolderrecursive", ["folderid": String(folderid)], idempotent: false)
    }

    public struct CopyFolderOptions: Sendable, Hashable {
        public var noover = false, skipexisting = false, copycontentonly = false
        public init(noover: Bool = false, skipexisting: Bool = false, copycontentonly: Bool = false) {
            self.noover = noover; self.skipexisting = skipexisting; self.copycontentonly = copycontentonly
        }
    }

    public func copyFolder(_ folderid: Int, to destination: Destination,
                           options: CopyFolderOptions = CopyFolderOptions()) async throws -> Metadata {
        var p: Params = ["folderid": String(folderid)]
        p.merge(destination.params)
        p.flag("noover", options.noover)
        p.flag("skipexisting", options.skipexisting)
        p.flag("copycontentonly", options.copycontentonly)
        return try await metadataCall("copyfolder", p, idempotent: false)
    }
}
