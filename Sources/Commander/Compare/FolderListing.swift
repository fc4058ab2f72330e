import Foundation
import PCloudAPI

/// One side of a compare: relative path → entry, with what could not be looked at.
struct FolderListing: Sendable {
    var entries: [String: Entry] = [:]
    var skipped: [SkippedItem] = []

    /// The folder's entries, and with `recursive` everything below it. The cloud's tree comes
    /// from `listTree` (one recursive listing per top-level folder, folder by folder where the
    /// service answers 5000); anything else is walked, an unreadable subfolder skipped.
    static func of(_ drive: any Drive, _ folder: ItemRef, side: CompareSide, recursive: Bool) async throws -> FolderListing {
        var out = FolderListing()
        if recursive, let cloudDrive = drive as? CloudDrive {
            let id = try await cloudDrive.folderID(folder)
            let tree = try await cloud { try await cloudDrive.client.listTree(id) }
            out.add(tree.root.contents ?? [], prefix: "", base: folder.pathValue, side: side)
            for m in tree.locked {
                out.skipped.append(SkippedItem(side: side, path: m.name, reason: "encrypted (Crypto Folder)"))
            }
            return out
        }
        try await out.walk(drive, folder, prefix: "", side: side, recursive: recursive)
        return out
    }

    private mutating func walk(_ drive: any Drive, _ folder: ItemRef, prefix: String, side: CompareSide,
                               recursive: Bool) async throws {
        try Task.checkCancellation()
        let list: [Entry]
        do { list = try await drive.list(folder) } catch {
            // The compared folder itself must be readable; a subfolder that is not is reported.
            guard !prefix.isEmpty else { throw error }
            skipped.append(SkippedItem(side: side, path: String(prefix.dropLast()),
                                       reason: CommanderError.from(error).message))
            return
        }
        for e in list {
            let rel = prefix + e.name
            if e.kind == .symlink {
                skipped.append(SkippedItem(side: side, path: rel, reason: Entry.symlinkNotFollowed))
                continue
            }
            if e.isLocked {
                skipped.append(SkippedItem(side: side, path: rel, reason: "encrypted (Crypto Folder)"))
                continue
            }
            entries[rel] = e
            if recursive, e.isFolder { try await walk(drive, e.ref, prefix: rel + "/", side: side, recursive: true) }
        }
    }

    private mutating func add(_ contents: [Metadata], prefix: String, base: String?, side: CompareSide) {
        for m in contents {
            let rel = prefix + m.name
            if m.isCryptoLocked { continue }  // reported from `tree.locked`
            let e = CloudDrive.entry(m, parentPath: base)
            entries[rel] = e
            if m.isfolder { add(m.contents ?? [], prefix: rel + "/", base: e.path, side: side) }
        }
    }
}
