import Foundation
import PCloudAPI

/// Phase 2 of a transfer: sends the decided files, at most `parallelTransfers` at a time; small
/// uploads into one folder travel together in one multipart request. For a move each file is
/// verified (SHA-1 on both sides) before its source is removed; a mismatch keeps the source.
struct FileSender: Sendable {
    let source: any Drive
    let target: any Drive
    let move: Bool
    let ledger: Ledger
    let hooks: TransferHooks
    let batchFiles: Int

    /// Uploads below this size are batched; a batch holds at most `batchFiles` files and `batchBytes`.
    static let batchBelow: Int64 = 1 << 20
    static let batchBytes: Int64 = 8 << 20
    /// Uploads from this size report through `uploadprogress` as well as local counts.
    static let pollFrom: Int64 = 4 << 20

    enum Unit: Sendable { case one(FileTask), batch([FileTask]) }

    /// Small uploads into one folder whose mtimes share a second form a batch: `uploadfile` sets
    /// one `mtime` for a whole request, so only files of one second can share one and keep their
    /// times. A file alone in its second goes as a single upload with its own `mtime`.
    struct BatchKey: Hashable { let folder: ItemRef; let mtime: Int64 }

    func units(_ tasks: [FileTask]) -> [Unit] {
        guard source is LocalDrive, target is CloudDrive, batchFiles > 1 else { return tasks.map { .one($0) } }
        var out: [Unit] = []
        var open: [BatchKey: [FileTask]] = [:]
        func flush(_ key: BatchKey) {
            guard let b = open.removeValue(forKey: key) else { return }
            out.append(b.count == 1 ? .one(b[0]) : .batch(b))
        }
        for t in tasks {
            guard t.source.size < Self.batchBelow, t.source.kind == .file else { out.append(.one(t)); continue }
            // Whole seconds as PCloudClient sends them.
            let key = BatchKey(folder: t.targetFolder, mtime: Int64(t.source.modified.timeIntervalSince1970))
            open[key, default: []].append(t)
            let b = open[key]!
            if b.count >= batchFiles || b.reduce(0, { $0 + $1.source.size }) >= Self.batchBytes { flush(key) }
        }
        for key in open.keys { flush(key) }
        return out
    }

    func send(_ tasks: [FileTask], ctx: JobContext) async throws {
        let units = units(tasks.filter { t in
            if ledger.contains(t.key) { ctx.fileDone(t.key, bytes: t.source.size); return false }
            return true
        })
        try await withThrowingTaskGroup(of: Void.self) { group in
            var running = 0
            for unit in units {
                if running >= max(1, ctx.parallelTransfers) { try await group.next(); running -= 1 }
                try Task.checkCancellation()
                group.addTask { try await self.run(unit, ctx: ctx) }
                running += 1
            }
            try await group.waitForAll()
        }
    }

    func run(_ unit: Unit, ctx: JobContext) async throws {
        // A paused job holds here between files too, before a file is begun.
        try await TransferPacing.current?.pace(0)
        switch unit {
        case .one(let t):
            ctx.started(t.source.name)
            ctx.journal?.began(t.source)
            let placed: Entry
            do {
                placed = try await transfer(t, ctx: ctx)
            } catch let e as CommanderError where e.code == 2001 {
                // A name the checks before sending did not foresee: this file stays behind, named.
                ctx.skipped(SkippedFile(path: t.source.path ?? t.source.name, reason: Self.refusedName(e)))
                ctx.fileDone(t.key, bytes: 0)
                return
            }
            try await finish(t, placed: placed, ctx: ctx)
        case .batch(let ts):
            ctx.started(ts[0].source.name)
            let placed = try await uploadBatch(ts, ctx: ctx)
            for (t, p) in zip(ts, placed) { try await finish(t, placed: p, ctx: ctx, count: false) }
            // All at once: the batch's bytes were reported under its first key.
            ctx.batchDone(ts[0].key, files: ts.count, bytes: ts.reduce(0) { $0 + $1.source.size }, keys: ts.map(\.key))
        }
    }

    /// What a lost connection did to a plain upload, said once on the job.
    static func sentAgain(_ t: FileTask) -> String {
        "\(t.source.path ?? t.source.name): the connection was lost during the upload; a file under "
            + "\(Units.bytes(PCloudClient.resumableThreshold)) has no upload session, so nothing partial was kept "
            + "and it is sent again from its first byte"
    }

    /// pCloud's 2001 in words that say it is about the name.
    static func refusedName(_ e: CommanderError) -> String {
        "pCloud refused the name (error 2001: \(e.message.isEmpty ? "invalid name" : e.message))"
    }

    /// Whether an earlier try's upload of `entry`, whose answer never came (or an earlier run's,
    /// cut before its journal said so), arrived all the same as `existing`: same size and SHA-1.
    /// Then a retry neither sends it again nor calls it a conflict, and counts its bytes.
    func arrivedUnseen(_ entry: Entry, as existing: Entry, ctx: JobContext) async throws -> Bool {
        guard ledger.isUnsure(entry.id) || ctx.journal?.continuesEarlierRun == true, !entry.isFolder, !existing.isFolder,
              existing.size == entry.size else { return false }
        let (a, b) = try await (source.checksum(entry.ref), target.checksum(existing.ref))
        return a == b
    }

    /// Verifies and removes the source of a move; records the file as done.
    func finish(_ t: FileTask, placed: Entry, ctx: JobContext, count: Bool = true) async throws {
        if let hook = hooks.afterCopy { try await hook(placed, target) }
        if move {
            let (a, b) = try await (source.checksum(t.source.ref), target.checksum(placed.ref))
            guard a == b else {
                throw CommanderError(.verifyFailed, "\(t.source.name): the copy's SHA-1 \(b) differs from the source's \(a); the source is kept")
            }
            try await source.delete(t.source.ref, permanent: source is LocalDrive)
        }
        ledger.insert(t.key)
        ctx.journal?.arrived(t.source)
        if count { ctx.fileDone(t.key, bytes: t.source.size) }
    }

    /// One file by the pairing's path: same-drive copy, upload or verified download.
    func transfer(_ t: FileTask, ctx: JobContext) async throws -> Entry {
        let report = ctx.reporter(t.key)
        switch (source, target) {
        case (let local as LocalDrive, let cloud as CloudDrive):
            return try await upload(t, from: local, to: cloud, ctx: ctx)
        case (let cloudSource as CloudDrive, let local as LocalDrive):
            let target = Names.join(try local.path(t.targetFolder), t.name)
            // PCloudAPI writes through paths as UTF-8, which cannot spell a folder whose name is not
            // (`RawName`): such a target gets the file through the system's temporary folder.
            let exact = !RawName.hasRawBytes(target)
            let to = URL(fileURLWithPath: exact ? target : NSTemporaryDirectory() + "/pcmd-download-\(UUID().uuidString)")
            let temp = PCloudClient.partialPath(for: to).path
            if exact { ctx.ownPartial(temp) } else { ctx.ownTemp(temp) }
            guard let fileid = t.source.fileid else { throw CommanderError(.unsupported, "\(t.source.name) has no fileid") }
            _ = try await cloud {
                try await cloudSource.client.download(fileid: fileid, to: to) { done, _ in report(done) }
            }
            ctx.releaseTemp(temp)
            if !exact { try await LocalFiles.move(to.path, to: target) }
            return try LocalDrive.entry(at: target)
        default:
            if !(source.isSame(target)) { throw CommanderError(.unsupported, "no transfer from \(source.displayName) to \(target.displayName)") }
            if move {
                return try await target.move(t.source.ref, into: t.targetFolder, as: t.name, overwrite: t.overwrite)
            }
            if let local = target as? LocalDrive {
                ctx.ownTemp(LocalFiles.partialPath(for: Names.join(try local.path(t.targetFolder), t.name)))
            }
            return try await target.copy(t.source.ref, into: t.targetFolder, as: t.name, overwrite: t.overwrite,
                                         progress: report)
        }
    }

    /// `uploadfile` with `nopartial` (a cancelled upload leaves nothing); big files also poll
    /// `uploadprogress` with the job's `progresshash`, merged with the local byte count.
    func upload(_ t: FileTask, from local: LocalDrive, to cloudDrive: CloudDrive, ctx: JobContext) async throws -> Entry {
        let path = try local.path(t.source.ref)
        let folderid = try await cloudDrive.folderID(t.targetFolder)
        var options = UploadOptions(nopartial: true)
        let report = ctx.reporter(t.key)
        var poller: Task<Void, Never>?
        if t.source.size >= Self.pollFrom, t.source.size < PCloudClient.resumableThreshold {
            let hash = "pcmd-\(UUID().uuidString)"
            options.progresshash = hash
            let client = cloudDrive.client
            poller = Task {
                guard let host = try? await client.progressHost() else { return }
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(250))
                    if let p = try? await host.uploadProgress(hash), let n = p.currentfileuploaded { report(n) }
                }
            }
        }
        defer { poller?.cancel() }
        let session = UploadResume.session(for: t, ctx: ctx)
        let r: UploadResult
        do {
            r = try await cloud {
                try await cloudDrive.client.upload(URL(fileURLWithPath: path), to: folderid, name: t.name,
                                                   options: options, session: session) { done, _ in report(done) }
            }
        } catch let e as CommanderError where e.kind == .verifyFailed {
            // The session was deleted for its bad bytes: the next try starts the file again.
            ctx.journal?.session(t.source, uploadid: nil)
            throw e
        } catch let e as CommanderError where e.isTransient {
            ledger.markUnsure(t.key)
            // A connection lost (a long pause the server gave up on, a network drop) costs a plain
            // upload its bytes: it has no session to continue, and `nopartial` kept nothing. Said
            // where it costs something; an answer lost after the upload (a gateway's 502) may
            // not have cost anything, which the retry finds out.
            if e.kind == .network, t.source.size >= Self.batchBelow, t.source.size < PCloudClient.resumableThreshold {
                ctx.note(Self.sentAgain(t))
            }
            throw e
        }
        return CloudDrive.entry(r.metadata, parentPath: t.targetFolder.pathValue)
    }

    /// Many small files of one second into one folder in one request (the client sends their
    /// `mtime`, and splits the batch should a file have changed second since the walk).
    func uploadBatch(_ ts: [FileTask], ctx: JobContext) async throws -> [Entry] {
        guard let local = source as? LocalDrive, let cloudDrive = target as? CloudDrive else { return [] }
        let folderid = try await cloudDrive.folderID(ts[0].targetFolder)
        let files = try ts.map { (URL(fileURLWithPath: try local.path($0.source.ref)), $0.name) }
        let payload = ts.reduce(Int64(0)) { $0 + $1.source.size }
        let report = ctx.reporter(ts[0].key)
        let results: [UploadResult]
        do {
            results = try await cloud {
                try await cloudDrive.client.uploadBatch(files, to: folderid) { sent, total in
                    // The request carries multipart headers too: scale to the payload.
                    if total > 0 { report(min(payload, sent * payload / total)) }
                }
            }
        } catch let e as CommanderError where e.isTransient {
            for t in ts { ledger.markUnsure(t.key) }
            throw e
        }
        return results.map { CloudDrive.entry($0.metadata, parentPath: ts[0].targetFolder.pathValue) }
    }
}
