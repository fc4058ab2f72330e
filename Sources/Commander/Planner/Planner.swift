import Foundation

/// Turns one action into jobs by where its items live (issue 5's table):
///
/// | action | local → local | local → cloud | cloud → local | cloud → cloud |
/// |---|---|---|---|---|
/// | copy | file system | upload (folders first, parallel files, small ones batched) | verified atomic download | copyfile / copyfolder |
/// | move | rename | upload, verify, delete source | download, verify, delete source | renamefile / renamefolder |
/// | zip | ZIPFoundation | zip locally, upload | getzip streamed | savezip + savezipprogress |
/// | extract | ZIPFoundation (safe paths) | – | download, extract locally | extractarchive + progress |
///
/// Fetch (remote upload) is `downloadfile` into a cloud folder, watched through `uploadprogress`.
/// Delete goes to pCloud's trash or the freedesktop trash unless permanent. Share, publinks,
/// upload links, revisions and restore are cloud calls (restore also works on the local trash).
/// Compare reads both sides and changes nothing (`Compare/`); sending its difference is the copy
/// walk once per item, into the item's relative folder (`DifferenceTransfer`).
struct Planner: Sendable {
    let config: JobQueue.Config

    func plan(_ action: Action) throws -> [Job] {
        switch action {
        case .copy(let items, let into):
            return items.map { transfer($0, into: into, move: false) }
        case .move(let items, let into):
            return items.map { transfer($0, into: into, move: true) }
        case .copyAs(let item, let into, let name, let move):
            return [transfer(item, into: into, move: move, name: name)]
        case .rename(let item, let name):
            return [Job(.rename, "Rename \(item.title) to \(name)") { _ in
                .entries([try await item.drive.rename(item.ref, to: name)])
            }]
        case .delete(let items, let permanent):
            return items.map { item in
                Job(.delete, "\(permanent ? "Delete" : "Trash") \(item.title)") { _ in
                    try await item.drive.delete(item.ref, permanent: permanent)
                    return nil
                }
            }
        case .mkdir(let name, let folder):
            return [Job(.mkdir, "Create folder \(name)") { _ in .entries([try await folder.drive.mkdir(name, in: folder.ref)]) }]
        case .zip(let items, let into, let name):
            return [try ZipJob(items: items, into: into, name: name).job()]
        case .extract(let archive, let into, let password):
            return [try ExtractJob(archive: archive, into: into, password: password).job()]
        case .restore(let entries, let drive, let into):
            return try entries.map { try TrashJobs.restore($0, on: drive, into: into) }
        case .emptyTrash(let drive):
            return [try TrashJobs.empty(drive)]
        case .purge(let entries, let drive):
            return entries.map { TrashJobs.purge($0, on: drive) }
        case .compare(let left, let right, let options):
            let c = FolderCompare(left: left, right: right, options: options)
            return [Job(.compare, "Compare \(left.title) with \(right.drive.displayName) \(right.title)") { ctx in
                .comparison(try await c.run(ctx))
            }]
        case .sendDifference(let items, let from, let side, let into):
            return [DifferenceTransfer.job(items, from: from, side: side, into: into, config: config)]
        case .fetch(let urls, let into, let names):
            return [try FetchJob(urls: urls, into: into, names: names).job()]
        default:
            return [try CloudJobs.job(for: action)]
        }
    }

    func transfer(_ item: Item, into: Item, move: Bool, name: String? = nil) -> Job {
        let kind = Self.kind(from: item.drive, to: into.drive, move: move)
        let sender = FileSender(source: item.drive, target: into.drive, move: move, ledger: Ledger(), hooks: config.hooks,
                                batchFiles: config.uploadBatchFiles)
        let t = TreeTransfer(sender: sender, item: item.ref, into: into.ref, name: name)
        let verb = move ? "Move" : "Copy"
        return Job(kind, "\(verb) \(item.title) to \(into.drive.displayName) \(into.title)") { ctx in try await t.run(ctx) }
    }
}

extension Planner {
    /// A transfer's job kind by the pairing of drives.
    static func kind(from source: any Drive, to target: any Drive, move: Bool) -> JobKind {
        switch (source, target) {
        case (is LocalDrive, is CloudDrive): .upload
        case (is CloudDrive, is LocalDrive): .download
        case (is CloudDrive, _): move ? .serverMove : .serverCopy
        default: move ? .localMove : .localCopy
        }
    }
}

extension Item {
    /// The cloud drive this item lives on, or an `.unsupported` error naming the action.
    func cloudDrive(for what: String) throws -> CloudDrive {
        guard let d = drive as? CloudDrive else { throw CommanderError(.unsupported, "\(what) works on pCloud items only") }
        return d
    }
}
