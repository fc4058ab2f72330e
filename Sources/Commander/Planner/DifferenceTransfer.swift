import Foundation

/// Copies what a compare found missing or different on the other side, each item into its
/// relative folder (created when missing), with the transfer walk's conflict questions and the
/// same parallel sending as any copy.
enum DifferenceTransfer {
    static func job(_ items: [ComparedItem], from: Item, side: CompareSide, into: Item, config: JobQueue.Config) -> Job {
        // A folder that is sent whole carries its content: its own items are not sent twice.
        let wholeFolders = Set(items.filter { $0.entry(on: side)?.isFolder == true }.map(\.path))
        let sources = items.filter { item in
            !wholeFolders.contains { item.path.hasPrefix($0 + "/") }
        }.compactMap { item in item.entry(on: side).map { (item.folder, $0) } }
        let sender = FileSender(source: from.drive, target: into.drive, move: false, ledger: Ledger(), hooks: config.hooks,
                                batchFiles: config.uploadBatchFiles)
        let walker = TreeTransfer(sender: sender, item: from.ref, into: into.ref)
        let title = "Copy \(sources.count) difference\(sources.count == 1 ? "" : "s") to \(into.drive.displayName) \(into.title)"
        return Job(Planner.kind(from: from.drive, to: into.drive, move: false), title) { ctx in
            let names = TargetNames()
            var plan = TransferPlan()
            var folders: [String: ItemRef] = ["": into.ref]
            var placed: [Entry] = []
            for (folder, entry) in sources {
                if into.drive is CloudDrive, !from.drive.isSame(into.drive), let refusal = Names.cloudRefusal(folder) {
                    walker.skip(entry, reason: "a folder on its path: " + refusal.reason, hint: refusal.hint, ctx: ctx)
                    continue
                }
                let target = try await ensure(folder, in: &folders, on: into.drive, names: names)
                if let e = try await walker.walk(entry, into: target, names: names, ctx: ctx, plan: &plan) { placed.append(e) }
            }
            walker.count(plan, ctx: ctx)
            try await sender.send(plan.files, ctx: ctx)
            return .entries(placed)
        }
    }

    /// The target folder for relative folder `path`, made parents first where missing.
    static func ensure(_ path: String, in folders: inout [String: ItemRef], on drive: any Drive,
                       names: TargetNames) async throws -> ItemRef {
        if let known = folders[path] { return known }
        let parentPath = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : ""
        let parent = try await ensure(parentPath, in: &folders, on: drive, names: names)
        let name = Names.last(path)
        let made = try await drive.ensureFolder(name, in: parent)
        await names.take(name, in: parent, as: made)
        folders[path] = made.ref
        return made.ref
    }
}
