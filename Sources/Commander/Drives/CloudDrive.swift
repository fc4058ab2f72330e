import Foundation
import PCloudAPI

/// One pCloud account through a PCloudClient. Items are addressed by path or by id; listings
/// carry both when the path is known.
public final class CloudDrive: Drive {
    public let displayName: String
    public let root: ItemRef = .cloudRoot
    let client: PCloudClient
    /// Names of the whole tree for finds; kept current by `changes()`.
    public let index: CloudIndex

    public init(client: PCloudClient, displayName: String = "pCloud") {
        self.client = client
        self.displayName = displayName
        index = CloudIndex(client: client)
    }

    static func entry(_ m: Metadata, parentPath: String?) -> Entry {
        let path = m.path ?? parentPath.map { Names.join($0, m.name) }
        var e = Entry(name: m.name, kind: m.isfolder ? .folder : .file, size: m.size ?? 0, modified: m.modifiedDate,
                      path: path)
        e.fileid = m.isfolder ? nil : m.itemID
        e.folderid = m.isfolder ? m.itemID : nil
        e.parentfolderid = m.parentfolderid
        e.category = m.category
        e.contenttype = m.contenttype
        e.isshared = m.isshared
        e.ismine = m.ismine
        e.thumb = m.thumb
        e.hash = m.hash
        e.isLocked = m.isCryptoLocked
        e.origparentfolderid = m.origparentfolderid
        return e
    }

    func folderTarget(_ ref: ItemRef) throws -> Target {
        switch ref {
        case .folder(let id): return .id(id)
        case .path(let p): return .path(p)
        case .file: throw CommanderError(.unsupported, "\(ref) is a file, not a folder")
        }
    }

    /// The folder's metadata with its direct contents.
    func folder(_ ref: ItemRef) async throws -> Metadata {
        try await cloud { try await client.listFolder(try folderTarget(ref)) }
    }

    func folderID(_ ref: ItemRef) async throws -> Int {
        switch ref {
        case .folder(let id): return id
        case .path("/"), .path(""): return 0
        default: return try await folder(ref).itemID
        }
    }

    func metadata(_ ref: ItemRef) async throws -> Metadata {
        switch ref {
        case .file(let id): return try await cloud { try await client.stat(fileid: id) }
        case .folder: return try await folder(ref)
        case .path(let p):
            do { return try await client.stat(.path(p)) } catch let e as PCloudError where e.kind == .api {
                return try await folder(ref)
            }
        }
    }

    public func list(_ folder: ItemRef) async throws -> [Entry] {
        let m = try await self.folder(folder)
        let base: String? = m.path ?? (m.itemID == 0 ? "/" : (folder.pathValue))
        return (m.contents ?? []).map { Self.entry($0, parentPath: base) }
    }

    public func stat(_ item: ItemRef) async throws -> Entry {
        var m = try await metadata(item)
        m.contents = nil
        if case .path(let p) = item, m.path == nil { m.path = p }
        return Self.entry(m, parentPath: nil)
    }

    /// A local name's bytes that are not UTF-8 (`RawName`) would reach pCloud as private-use
    /// characters it would take: refuse them as pCloud refuses the bytes themselves, with 2001.
    static func refuseRawBytes(_ name: String) throws {
        guard let refusal = Names.cloudRefusal(name), RawName.hasRawBytes(name) else { return }
        throw CommanderError(.invalidInput, "\(name): \(refusal.reason)", code: 2001, category: .badRequest)
    }

    public func mkdir(_ name: String, in folder: ItemRef) async throws -> Entry {
        try Self.refuseRawBytes(name)
        let parent = try await folderID(folder)
        let m = try await cloud { try await client.createFolder(in: parent, name: name) }
        return Self.entry(m, parentPath: folder.pathValue)
    }

    public func ensureFolder(_ name: String, in folder: ItemRef) async throws -> Entry {
        try Self.refuseRawBytes(name)
        let parent = try await folderID(folder)
        let m = try await cloud { try await client.createFolderIfNotExists(in: parent, name: name).metadata }
        return Self.entry(m, parentPath: folder.pathValue)
    }

    public func rename(_ item: ItemRef, to name: String) async throws -> Entry {
        try Self.refuseRawBytes(name)
        let m = try await metadata(item)
        if let parent = m.parentfolderid, try await self.folder(.folder(parent)).contents?.contains(where: { $0.name == name }) == true {
            throw CommanderError(.exists, "\(name) exists")
        }
        let renamed = try await cloud {
            m.isfolder ? try await client.renameFolder(m.itemID, to: .rename(name))
                : try await client.renameFile(m.itemID, to: .rename(name))
        }
        return Self.entry(renamed, parentPath: item.pathValue.map(Names.parent))
    }

    /// To pCloud's trash; `permanent` then clears it from the trash (needs a session token).
    public func delete(_ item: ItemRef, permanent: Bool) async throws {
        let m = try await metadata(item)
        try await cloud {
            if m.isfolder { _ = try await client.deleteFolderRecursive(m.itemID) } else { _ = try await client.deleteFile(m.itemID) }
            if permanent { try await client.trashClear(m.isfolder ? .folder(m.itemID) : .file(m.itemID)) }
        }
    }

    public func checksum(_ item: ItemRef) async throws -> String {
        let id = try await metadata(item).itemID
        return try await cloud { try await client.checksumFile(id).checksums.sha1.lowercased() }
    }

    public func copy(_ item: ItemRef, into folder: ItemRef, as name: String, overwrite: Bool,
                     progress: (@Sendable (Int64) -> Void)?) async throws -> Entry {
        let m = try await metadata(item)
        let target = try await folderID(folder)
        let copied = try await cloud {
            m.isfolder ? try await client.copyFolder(m.itemID, to: .folder(target, name: name),
                                                     options: .init(noover: true))
                : try await client.copyFile(m.itemID, to: .folder(target, name: name), noover: !overwrite)
        }
        progress?(m.size ?? 0)
        return Self.entry(copied, parentPath: folder.pathValue)
    }

    public func move(_ item: ItemRef, into folder: ItemRef, as name: String, overwrite: Bool) async throws -> Entry {
        let m = try await metadata(item)
        let target = try await folderID(folder)
        if !overwrite, try await self.folder(.folder(target)).contents?.contains(where: { $0.name == name }) == true {
            throw CommanderError(.exists, "\(name) exists")
        }
        let moved = try await cloud {
            m.isfolder ? try await client.renameFolder(m.itemID, to: .folder(target, name: name))
                : try await client.renameFile(m.itemID, to: .folder(target, name: name))
        }
        return Self.entry(moved, parentPath: folder.pathValue)
    }
}

extension ItemRef {
    /// The path when the reference carries one (the cloud root's is "/").
    var pathValue: String? {
        switch self {
        case .path(let p): p
        case .folder(0): "/"
        default: nil
        }
    }
}
