import Foundation
import PCloudAPI

/// A zip of items saved as one file: `savezip` when everything is in the cloud (watched through
/// `savezipprogress`), `getzip` streamed when a cloud zip goes to disk, ZIPFoundation on disk
/// (then uploaded when the target is in the cloud).
struct ZipJob: Sendable {
    let items: [Item]
    let into: Item
    let name: String

    func job() throws -> Job {
        guard let first = items.first else { throw CommanderError(.unsupported, "nothing to zip") }
        guard items.allSatisfy({ $0.drive.isSame(first.drive) }) else {
            throw CommanderError(.unsupported, "a zip takes its items from one drive")
        }
        return Job(.zip, "Zip \(items.count) item(s) into \(name)") { ctx in try await run(first.drive, ctx: ctx) }
    }

    func run(_ source: any Drive, ctx: JobContext) async throws -> JobResult? {
        let taken = Dictionary(try await into.drive.list(into.ref).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let incoming = Entry(name: name, kind: .file, size: 0, modified: Date(), path: nil)
        guard let d = await Placement.decide(incoming, taken: taken, targetDrive: into.drive.displayName, ctx: ctx) else {
            return nil
        }
        switch (source, into.drive) {
        case (let cloudSource as CloudDrive, let target as CloudDrive) where cloudSource === target:
            return .entries([try await saveZip(cloudSource, name: d.name, ctx: ctx)])
        case (let cloudSource as CloudDrive, let target as LocalDrive):
            let to = Names.join(try target.path(into.ref), d.name)
            let temp = LocalFiles.partialPath(for: to)
            ctx.ownTemp(temp)
            _ = try await cloud { try await cloudSource.client.getZip(try await tree(cloudSource), to: URL(fileURLWithPath: temp)) }
            try LocalFiles.place(temp, at: to, replace: d.overwrite)
            ctx.releaseTemp(temp)
            return .entries([try LocalDrive.entry(at: to)])
        case (let local as LocalDrive, let target):
            let paths = try items.map { try local.path($0.ref) }
            if let targetLocal = target as? LocalDrive {
                let to = Names.join(try targetLocal.path(into.ref), d.name)
                let temp = LocalFiles.partialPath(for: to)
                ctx.ownTemp(temp)
                try LocalZip.create(temp, of: paths, ctx: ctx)
                try LocalFiles.place(temp, at: to, replace: d.overwrite)
                ctx.releaseTemp(temp)
                return .entries([try LocalDrive.entry(at: to)])
            }
            guard let cloudTarget = target as? CloudDrive else { break }
            let temp = NSTemporaryDirectory() + "pcmd-zip-\(UUID().uuidString).zip"
            ctx.ownTemp(temp)
            defer { try? FileManager.default.removeItem(atPath: temp); ctx.releaseTemp(temp) }
            try LocalZip.create(temp, of: paths, ctx: ctx)
            let folderid = try await cloudTarget.folderID(into.ref)
            let r = try await cloud {
                try await cloudTarget.client.upload(URL(fileURLWithPath: temp), to: folderid, name: d.name)
            }
            return .entries([CloudDrive.entry(r.metadata, parentPath: into.ref.pathValue)])
        default:
            break
        }
        throw CommanderError(.unsupported, "no zip from \(source.displayName) to \(into.drive.displayName)")
    }

    func tree(_ drive: CloudDrive) async throws -> PCloudAPI.Tree {
        var t = PCloudAPI.Tree()
        for item in items {
            let m = try await drive.metadata(item.ref)
            if m.isfolder { t.folderids.append(m.itemID) } else { t.fileids.append(m.itemID) }
        }
        return t
    }

    /// `savezip` blocks until the archive is written; meanwhile `savezipprogress` is polled.
    func saveZip(_ drive: CloudDrive, name: String, ctx: JobContext) async throws -> Entry {
        let tree = try await tree(drive)
        let folderid = try await drive.folderID(into.ref)
        let hash = "pcmd-zip-\(UUID().uuidString)"
        let totals = Locked<(files: Int, bytes: Int64)?>(nil)
        let client = drive.client
        let poller = Task {
            guard let host = try? await client.progressHost() else { return }
            while !Task.isCancelled {
                if let p = try? await host.saveZipProgress(hash) {
                    let first = totals.withLock { t -> Bool in
                        defer { if t == nil { t = (p.totalfiles, p.totalbytes) } }
                        return t == nil
                    }
                    if first { ctx.addTotals(bytes: p.totalbytes, files: p.totalfiles) }
                    ctx.progress("zip", p.bytes)
                }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        defer { poller.cancel() }
        let m = try await cloud {
            try await client.saveZip(tree, to: .folder(folderid, name: name), progresshash: hash)
        }
        poller.cancel()
        _ = await poller.value
        if let t = totals.current { ctx.batchDone("zip", files: t.files, bytes: t.bytes) }
        return CloudDrive.entry(m, parentPath: into.ref.pathValue)
    }
}
