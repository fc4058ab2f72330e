import Foundation

/// Copy or move of one item (file or folder tree) into a folder, between any two drives.
/// Phase 1 walks the source, creating target folders in order and settling every conflict;
/// phase 2 sends the files with bounded parallelism; a move then verifies and removes sources.
struct TreeTransfer: Sendable {
    /// Sends the files phase 1 decided; holds the two drives, the ledger and the tuning.
    let sender: FileSender
    let item: ItemRef
    let into: ItemRef
    /// The top item's name at the target (nil keeps its own).
    var name: String? = nil

    var source: any Drive { sender.source }
    var target: any Drive { sender.target }
    var move: Bool { sender.move }
    var ledger: Ledger { sender.ledger }

    var sameDrive: Bool { source.isSame(target) }

    func run(_ ctx: JobContext) async throws -> JobResult? {
        var top = try await source.stat(item)
        // A link the user named to a folder is followed there (pCloud has no links): its folder
        // goes under the link's name. A copy on disk still copies the link itself.
        if top.kind == .symlink, !sameDrive, let path = top.path, LocalDrive.isFolder(path) { top.kind = .folder }
        let names = TargetNames()
        var plan = TransferPlan()
        let placed = try await walk(top, into: into, as: name, names: names, ctx: ctx, plan: &plan)
        count(plan, ctx: ctx)
        try await sender.send(plan.files, ctx: ctx)
        if move { try await removeEmptied(plan.movedFolders) }
        return placed.map { .entries([$0]) }
    }

    /// The walk's files in the job's totals (each once, as the queue may repeat the job), and
    /// what the walk already moved as done.
    func count(_ plan: TransferPlan, ctx: JobContext) {
        for f in plan.files { ctx.addTotal(f.key, bytes: f.source.size) }
        for r in plan.renamed {
            ctx.addTotal(r.id, bytes: 0)
            ctx.fileDone(r.id, bytes: 0)
        }
    }

    /// Decides what happens to `entry` (landing as `wanted`, default its own name); returns where
    /// it lands (nil when skipped).
    func walk(_ entry: Entry, into folder: ItemRef, as wanted: String? = nil, names: TargetNames, ctx: JobContext,
              plan: inout TransferPlan) async throws -> Entry? {
        try Task.checkCancellation()
        if ledger.contains(entry.id) { ctx.fileDone(entry.id, bytes: 0); return nil }
        if let journal = ctx.journal, !entry.isFolder {
            // A resumed job: what an earlier run delivered counts as done, unasked.
            if journal.hasArrived(entry) {
                ctx.addTotal(entry.id, bytes: entry.size)
                ctx.fileDone(entry.id, bytes: entry.size)
                return nil
            }
            if let change = journal.change(of: entry) {
                skip(entry, reason: change, hint: "copy it again to send it as it is now", ctx: ctx)
                return nil
            }
        }
        let wanted = wanted ?? entry.name
        if target is CloudDrive, !sameDrive, let refusal = Names.cloudRefusal(wanted) {
            skip(entry, reason: refusal.reason, hint: refusal.hint, ctx: ctx)
            return nil
        }
        let taken = try await names.entries(in: folder, on: target)
        let existing = taken[wanted]
        if let existing, try await sender.arrivedUnseen(entry, as: existing, ctx: ctx) {
            let t = FileTask(source: entry, targetFolder: folder, name: wanted, overwrite: false)
            ctx.addTotal(entry.id, bytes: entry.size)
            try await sender.finish(t, placed: existing, ctx: ctx)
            return existing
        }
        guard let decision = await Placement.decide(entry, name: wanted, taken: taken, targetDrive: target.displayName,
                                                    ctx: ctx) else {
            ctx.addTotal(entry.id, bytes: 0)
            ctx.fileDone(entry.id, bytes: 0)
            return nil
        }
        let name = decision.name, overwrite = decision.overwrite
        // Same drive and nothing to merge: one server-side (or file-system) call.
        if sameDrive, move, existing == nil || overwrite || name != wanted {
            let moved = try await target.move(entry.ref, into: folder, as: name, overwrite: overwrite)
            await names.take(name, in: folder, as: moved)
            ledger.insert(entry.id)
            plan.renamed.append(entry)
            return moved
        }
        guard entry.isFolder else {
            let placeholder = Entry(name: name, kind: .file, size: entry.size, modified: entry.modified, path: nil)
            await names.take(name, in: folder, as: placeholder)
            plan.files.append(FileTask(source: entry, targetFolder: folder, name: name, overwrite: overwrite))
            return placeholder
        }
        if sameDrive, target is CloudDrive, existing == nil || name != wanted {
            // copyfolder on the server: no bytes through the client.
            let copied = try await target.copy(entry.ref, into: folder, as: name, overwrite: false, progress: nil)
            await names.take(name, in: folder, as: copied)
            ledger.insert(entry.id)
            plan.renamed.append(entry)
            return copied
        }
        // Folders are created before their content, parents first.
        let made: Entry
        if let existing, existing.isFolder, name == wanted { made = existing } else {
            do {
                made = try await target.ensureFolder(name, in: folder)
            } catch let e as CommanderError where e.code == 2001 {
                skip(entry, reason: FileSender.refusedName(e), hint: nil, ctx: ctx)
                return nil
            }
            await names.take(name, in: folder, as: made)
        }
        if move { plan.movedFolders.append(entry) }
        for child in try await source.list(entry.ref) {
            // pCloud has no links; followed, one could lead to a folder, in circles or nowhere.
            if child.kind == .symlink, !sameDrive {
                skip(child, reason: Entry.symlinkNotFollowed, hint: nil, ctx: ctx)
                continue
            }
            _ = try await walk(child, into: made.ref, names: names, ctx: ctx, plan: &plan)
        }
        return made
    }

    /// Leaves `entry` (a folder with all it holds) out, saying why; the rest goes on.
    func skip(_ entry: Entry, reason: String, hint: String?, ctx: JobContext) {
        ctx.skipped(SkippedFile(path: (entry.path ?? entry.name) + (entry.isFolder ? "/" : ""), reason: reason, hint: hint))
        ctx.addTotal(entry.id, bytes: 0)
        ctx.fileDone(entry.id, bytes: 0)
    }

    /// A moved folder goes only once nothing is left in it (skipped files keep it).
    func removeEmptied(_ folders: [Entry]) async throws {
        for folder in folders.reversed() where try await source.list(folder.ref).isEmpty {
            try await source.delete(folder.ref, permanent: source is LocalDrive)
        }
    }
}

/// Test hooks: real parts, but a test may tamper between the copy and its verification.
public struct TransferHooks: Sendable {
    var afterCopy: (@Sendable (_ target: Entry, _ drive: any Drive) async throws -> Void)?
    public init() {}
}
