import Foundation
import PCloudAPI

/// Restore from and empty the trash: pCloud's (session token only, REAL-SERVICE §1) or the
/// freedesktop trash on disk.
enum TrashJobs {
    static func restore(_ entry: Entry, on drive: any Drive, into: Item?) throws -> Job {
        Job(.restore, "Restore \(entry.name)") { _ in
            if let local = drive as? LocalDrive {
                return .entries([try await local.restore(entry, into: into?.ref)])
            }
            guard let cloudDrive = drive as? CloudDrive else { throw CommanderError(.unsupported, "unknown drive") }
            let target: TrashTarget = entry.isFolder ? .folder(entry.folderid ?? 0) : .file(entry.fileid ?? 0)
            var restoreto: Int?
            if let into { restoreto = try await cloudDrive.folderID(into.ref) }
            let m = try await cloud { try await cloudDrive.client.trashRestore(target, restoreto: restoreto) }
            return m.map { .entries([CloudDrive.entry($0, parentPath: nil)]) }
        }
    }

    static func empty(_ drive: any Drive) throws -> Job {
        Job(.emptyTrash, "Empty the trash of \(drive.displayName)") { _ in
            if let local = drive as? LocalDrive { try await local.emptyTrash(); return nil }
            guard let cloudDrive = drive as? CloudDrive else { throw CommanderError(.unsupported, "unknown drive") }
            try await cloud { try await cloudDrive.client.trashClear(.folder(0)) }
            return nil
        }
    }

    static func purge(_ entry: Entry, on drive: any Drive) -> Job {
        Job(.emptyTrash, "Delete \(entry.name) forever") { _ in
            if let local = drive as? LocalDrive { try local.trashBin.purge(entry.trashName ?? entry.name); return nil }
            guard let cloudDrive = drive as? CloudDrive else { throw CommanderError(.unsupported, "unknown drive") }
            let target: TrashTarget = entry.isFolder ? .folder(entry.folderid ?? 0) : .file(entry.fileid ?? 0)
            try await cloud { try await cloudDrive.client.trashClear(target) }
            return nil
        }
    }
}
