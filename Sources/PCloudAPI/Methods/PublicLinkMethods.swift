import Foundation

extension PCloudClient {
    public func getFilePublink(_ fileid: Int, options: PublinkOptions = PublinkOptions()) async throws -> Publink {
        var p: Params = ["fileid": String(fileid)]
        p.merge(options.params)
        return try await call("getfilepublink", p, idempotent: false)
    }

    public func getFolderPublink(_ folderid: Int, options: PublinkOptions = PublinkOptions()) async throws -> Publink {
        var p: Params = ["folderid": String(folderid)]
        p.merge(options.params)
        return try await call("getfolderpublink", p, idempotent: false)
    }

    /// A snapshot link to a virtual folder `name` holding `tree`.
    public func getTreePublink(_ tree: Tree, name: String, options: PublinkOptions = PublinkOptions()) async throws -> Publink {
        var p = tree.params
        p["name"] = name
        p.merge(options.params)
        return try await call("gettreepublink", p, idempotent: false)
    }

    public func listPublinks() async throws -> [Publink] {
        struct R: Decodable { var publinks: [Publink] }
        return try await call("listpublinks", idempotent: true, as: R.self).publinks
    }

    /// What a link shows (no account needed).
    public func showPublink(code: String) async throws -> Metadata {
        try await metadataCall("showpublink", ["code": code], auth: .none, idempotent: true)
    }

    /// Counts as a download: call only when downloading.
    public func getPublinkDownload(code: String, fileid: Int? = nil, options: LinkOptions = LinkOptions()) async throws -> FileLink {
        var p: Params = ["code": code]
        p.set("fileid", fileid)
        p.merge(options.params)
        return try await call("getpublinkdownload", p, auth: .none, idempotent: false)
    }

    public func copyPubfile(code: String, fileid: Int? = nil, to destination: Destination,
                            noover: Bool = false) async throws -> Metadata {
        var p: Params = ["code": code]
        p.set("fileid", fileid)
        p.merge(destination.params)
        p.flag("noover", noover)
        return try await metadataCall("copypubfile", p, idempotent: false)
    }

    public struct PublinkChange: Sendable, Hashable {
        public var expire: Int64?, deleteexpire = false, maxdownloads: Int?, maxtraffic: Int64?
        public var shortlink = false, deleteshortlink = false
        public init(expire: Int64? = nil, deleteexpire: Bool = false, maxdownloads: Int? = nil, maxtraffic: Int64? = nil,
                    shortlink: Bool = false, deleteshortlink: Bool = false) {
            self.expire = expire; self.deleteexpire = deleteexpire; self.maxdownloads = maxdownloads
            self.maxtraffic = maxtraffic; self.shortlink = shortlink; self.deleteshortlink = deleteshortlink
        }
    }

    public func changePublink(_ linkid: Int, _ change: PublinkChange) async throws {
        var p: Params = ["linkid": String(linkid)]
        p.set("expire", change.expire)
        p.flag("deleteexpire", change.deleteexpire)
        p.set("maxdownloads", change.maxdownloads)
        p.set("maxtraffic", change.maxtraffic)
        p.flag("shortlink", change.shortlink)
        p.flag("deleteshortlink", change.deleteshortlink)
        try await emptyCall("changepublink", p, idempotent: true)
    }

    public func deletePublink(_ linkid: Int) async throws {
        try await emptyCall("deletepublink", ["linkid": String(linkid)], idempotent: false)
    }

    public func getCollectionPublink(_ collectionid: Int, options: PublinkOptions = PublinkOptions()) async throws -> Publink {
        var p: Params = ["collectionid": String(collectionid)]
        p.merge(options.params)
        return try await call("getcollectionpublink", p, idempotent: false)
    }
}
