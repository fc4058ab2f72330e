import Foundation

extension PCloudClient {
    /// Offers a folder to `mail`; the recipient accepts or declines the request.
    public func shareFolder(_ folderid: Int, mail: String, permissions: SharePermissions, name: String? = nil,
                            message: String? = nil) async throws {
        var p: Params = ["folderid": String(folderid), "mail": mail, "permissions": String(permissions.rawValue)]
        p["name"] = name
        p["message"] = message
        try await emptyCall("sharefolder", p, idempotent: false)
    }

    public func listShares() async throws -> ShareList {
        try await call("listshares", idempotent: true)
    }

    public func shareRequestInfo(code: String) async throws -> Share {
        struct R: Decodable { var share: Share }
        return try await call("sharerequestinfo", ["code": code], auth: .none, idempotent: true, as: R.self).share
    }

    public func cancelShareRequest(_ sharerequestid: Int) async throws {
        try await emptyCall("cancelsharerequest", ["sharerequestid": String(sharerequestid)], idempotent: false)
    }

    /// Mounts the offered folder (by default in the user's share folder).
    public func acceptShare(_ sharerequestid: Int, name: String? = nil, into folderid: Int? = nil,
                            always: Bool = false) async throws {
        var p: Params = ["sharerequestid": String(sharerequestid)]
        p["name"] = name
        p.set("folderid", folderid)
        p.flag("always", always)
        try await emptyCall("acceptshare", p, idempotent: false)
    }

    public func declineShare(_ sharerequestid: Int, block: Bool = false) async throws {
        var p: Params = ["sharerequestid": String(sharerequestid)]
        p.flag("block", block)
        try await emptyCall("declineshare", p, idempotent: false)
    }

    public func removeShare(_ shareid: Int) async throws {
        try await emptyCall("removeshare", ["shareid": String(shareid)], idempotent: false)
    }

    public func changeShare(_ shareid: Int, permissions: SharePermissions) async throws {
        try await emptyCall("changeshare", ["shareid": String(shareid), "permissions": String(permissions.rawValue)],
                            idempotent: true)
    }
}
