import Foundation

/// Small reply shapes shared by several methods.
struct MetadataReply: Decodable { var metadata: Metadata }
struct MetadataListReply: Decodable { var metadata: [Metadata] }

extension PCloudClient {
    func metadataCall(_ method: String, _ params: Params, auth: AuthUse = .account, idempotent: Bool) async throws -> Metadata {
        try await call(method, params, auth: auth, idempotent: idempotent, as: MetadataReply.self).metadata
    }

    func emptyCall(_ method: String, _ params: Params, auth: AuthUse = .account, idempotent: Bool) async throws {
        _ = try await call(method, params, auth: auth, idempotent: idempotent, as: Empty.self)
    }
}

/// Where a copy or move goes: into a folder (optionally renamed), or to a full path.
public enum Destination: Sendable, Hashable {
    case folder(Int, name: String? = nil)
    case path(String)
    /// Same folder, new name.
    case rename(String)

    var params: Params {
        var p = Params()
        switch self {
        case .folder(let id, let name): p["tofolderid"] = String(id); p["toname"] = name
        case .path(let path): p["topath"] = path
        case .rename(let name): p["toname"] = name
        }
        return p
    }
}

/// A set of files and folders for zips and tree links (structures.md §2).
public struct Tree: Sendable, Hashable {
    public var folderid: Int?
    public var folderids: [Int]
    public var fileids: [Int]
    public var excludefolderids: [Int]
    public var excludefileids: [Int]

    public init(folderid: Int? = nil, folderids: [Int] = [], fileids: [Int] = [], excludefolderids: [Int] = [],
                excludefileids: [Int] = []) {
        self.folderid = folderid; self.folderids = folderids; self.fileids = fileids
        self.excludefolderids = excludefolderids; self.excludefileids = excludefileids
    }

    var params: Params {
        var p = Params()
        p.set("folderid", folderid)
        func list(_ name: String, _ ids: [Int]) { if !ids.isEmpty { p[name] = ids.map(String.init).joined(separator: ",") } }
        list("folderids", folderids); list("fileids", fileids)
        list("excludefolderids", excludefolderids); list("excludefileids", excludefileids)
        return p
    }
}
