import Foundation

/// `collection_linkfiles` per-file outcome.
public struct CollectionLinkResult: Decodable, Sendable, Hashable {
    public var fileid: Int?
    public var result: Int
    public var message: String?
}

extension PCloudClient {
    struct CollectionReply: Decodable { var collection: Collection }

    public func collectionList(type: Int? = nil, showfiles: Bool = false) async throws -> [Collection] {
        struct R: Decodable { var collections: [Collection] }
        var p = Params()
        p.set("type", type)
        p.flag("showfiles", showfiles)
        return try await call("collection_list", p, idempotent: true, as: R.self).collections
    }

    public func collectionDetails(_ collectionid: Int, page: Int? = nil, pagesize: Int? = nil) async throws -> Collection {
        var p: Params = ["collectionid": String(collectionid)]
        p.set("page", page)
        p.set("pagesize", pagesize)
        return try await call("collection_details", p, idempotent: true, as: CollectionReply.self).collection
    }

    public func collectionCreate(name: String, type: Int = 1, fileids: [Int] = []) async throws -> Collection {
        var p: Params = ["name": name, "type": String(type)]
        if !fileids.isEmpty { p["fileids"] = fileids.map(String.init).joined(separator: ",") }
        return try await call("collection_create", p, idempotent: false, as: CollectionReply.self).collection
    }

    public func collectionRename(_ collectionid: Int, name: String) async throws -> Collection {
        try await call("collection_rename", ["collectionid": String(collectionid), "name": name], idempotent: true,
                       as: CollectionReply.self).collection
    }

    public func collectionDelete(_ collectionid: Int) async throws {
        try await emptyCall("collection_delete", ["collectionid": String(collectionid)], idempotent: false)
    }

    public func collectionLinkFiles(_ collectionid: Int, fileids: [Int]) async throws -> [CollectionLinkResult] {
        struct R: Decodable { var linkresult: [CollectionLinkResult]? }
        let p: Params = ["collectionid": String(collectionid), "fileids": fileids.map(String.init).joined(separator: ",")]
        return try await call("collection_linkfiles", p, idempotent: false, as: R.self).linkresult ?? []
    }

    public enum CollectionItems: Sendable, Hashable { case positions([Int]), fileids([Int]), all }

    public func collectionUnlinkFiles(_ collectionid: Int, _ items: CollectionItems) async throws {
        var p: Params = ["collectionid": String(collectionid)]
        switch items {
        case .positions(let x): p["positions"] = x.map(String.init).joined(separator: ",")
        case .fileids(let x): p["fileids"] = x.map(String.init).joined(separator: ",")
        case .all: p["all"] = "1"
        }
        try await emptyCall("collection_unlinkfiles", p, idempotent: true)
    }

    public func collectionMove(_ collectionid: Int, item: Int, to position: Int) async throws {
        try await emptyCall("collection_move", ["collectionid": String(collectionid), "item": String(item),
                                                "position": String(position)], idempotent: false)
    }
}
