import Foundation

/// The trash methods refuse OAuth tokens on the live service (REAL-SERVICE §1): they go with the
/// session token, and without one fail with `.passwordSignInRequired`.
extension PCloudClient {
    public func trashList(folderid: Int = 0, recursive: Bool = false, nofiles: Bool = false) async throws -> Metadata {
        var p: Params = ["folderid": String(folderid)]
        p.flag("recursive", recursive)
        p.flag("nofiles", nofiles)
        let data = try await callData("trash_list", p, auth: .session, idempotent: true)
        return try decodeMetadataReply(data, method: "trash_list")
    }

    public struct RestorePath: Decodable, Sendable { public var metadata: Metadata; public var destination: Metadata }

    /// Where a restore would put an item, and under which name.
    public func trashRestorePath(_ item: TrashTarget) async throws -> RestorePath {
        try await call("trash_restorepath", item.params, auth: .session, idempotent: true)
    }

    public func trashRestore(_ item: TrashTarget, restoreto: Int? = nil) async throws -> Metadata? {
        struct R: Decodable { var metadata: Metadata? }
        var p = item.params
        p.set("restoreto", restoreto)
        return try await call("trash_restore", p, auth: .session, idempotent: false, as: R.self).metadata
    }

    /// Permanent. `.folder(0)` empties the whole trash.
    public func trashClear(_ item: TrashTarget) async throws {
        try await emptyCall("trash_clear", item.params, auth: .session, idempotent: true)
    }
}

public enum TrashTarget: Sendable, Hashable {
    case file(Int)
    case folder(Int)
    var params: Params {
        switch self {
        case .file(let id): ["fileid": String(id)]
        case .folder(let id): ["folderid": String(id)]
        }
    }
}
