import Foundation
import PCloudAPI

/// Unpacks an archive: `extractarchive` on the server for a cloud archive into a cloud folder
/// (watched through `extractarchiveprogress` on the host it names); ZIPFoundation on disk,
/// after a verified download when the archive is in the cloud. A local archive bound for the
/// cloud is uploaded under a hidden name, unpacked there by the server, then deleted.
struct ExtractJob: Sendable {
    let archive: Item
    let into: Item
    let password: String?

    func job() throws -> Job {
        Job(.extract, "Extract \(archive.title) into \(into.title)") { ctx in try await run(ctx) }
    }

    func run(_ ctx: JobContext) async throws -> JobResult? {
        switch (archive.drive, into.drive) {
        case (let source as CloudDrive, let target as CloudDrive) where source === target:
            return try await serverExtract(source, ctx: ctx)
        case (let local as LocalDrive, let target as LocalDrive):
            let staging = try LocalZip.extract(try local.path(archive.ref), into: try target.path(into.ref), ctx: ctx)
            return .entries(try await staging.place(into: try target.path(into.ref), ctx: ctx))
        case (let source as CloudDrive, let target as LocalDrive):
            let fileid = try await source.metadata(archive.ref).itemID
            let temp = URL(fileURLWithPath: NSTemporaryDirectory() + "pcmd-extract-\(UUID().uuidString).zip")
            ctx.ownTemp(temp.path)
            ctx.ownTemp(PCloudClient.partialPath(for: temp).path)
            defer { try? FileManager.default.removeItem(at: temp) }
            _ = try await cloud { try await source.client.download(fileid: fileid, to: temp) }
            let folder = try target.path(into.ref)
            let staging = try LocalZip.extract(temp.path, into: folder, ctx: ctx)
            return .entries(try await staging.place(into: folder, ctx: ctx))
        case (let local as LocalDrive, let target as CloudDrive):
            let folder = try await target.folder(into.ref)
            let source = URL(fileURLWithPath: try local.path(archive.ref))
            let hidden = ".pcmd-extract-\(UUID().uuidString.prefix(8)).zip"
            let uploaded = try await cloud { try await target.client.uploadFile(source, to: folder.itemID, name: hidden) }
            do {
                let result = try await ExtractJob(archive: Item(target, .file(uploaded.metadata.itemID)), into: into, password: password)
                    .serverExtract(target, ctx: ctx)
                _ = try? await target.client.deleteFile(uploaded.metadata.itemID)
                return result.map { r in
                    guard case .entries(let list) = r else { return r }
                    return .entries(list.filter { $0.name != hidden })
                }
            } catch {
                _ = try? await target.client.deleteFile(uploaded.metadata.itemID)
                throw error
            }
        default:
            throw CommanderError(.unsupported, "no extraction from \(archive.drive.displayName) to \(into.drive.displayName)")
        }
    }

    /// pCloud applies one policy to every taken name: asked once, about the first entry of the
    /// archive whose name is taken in the folder.
    func serverExtract(_ drive: CloudDrive, ctx: JobContext) async throws -> JobResult? {
        let m = try await drive.metadata(archive.ref)
        let folder = try await drive.folder(into.ref)
        var policy = PCloudClient.ExtractOverwrite.rename
        if let c = await conflict(m, in: folder, drive: drive) {
            switch await ctx.resolve(c) {
            case .overwrite: policy = .overwrite
            case .skip: policy = .skip
            default: policy = .rename
            }
        }
        ctx.addTotals(bytes: m.size ?? 0, files: 1)
        var p = try await cloud {
            try await drive.client.extractArchive(m.itemID, into: folder.itemID, overwrite: policy, password: password)
        }
        var lines = p.lines ?? p.output?.count ?? 0
        var output = p.output ?? []
        if !p.finished, let hash = p.progresshash {
            let poller = try p.hostname.map { try drive.client.on(host: $0) } ?? drive.client
            while !p.finished {
                try await Task.sleep(for: .milliseconds(200))
                p = try await cloud { try await poller.extractArchiveProgress(hash, lines: lines) }
                output += p.output ?? []
                lines = p.lines ?? lines
                ctx.started(output.last ?? "")
            }
        }
        if let failure = output.last(where: { $0.hasPrefix("Error") }) {
            throw CommanderError(.cloud, "extractarchive: \(failure)", code: 3006, category: .badRequest, method: "extractarchive")
        }
        ctx.fileDone("archive", bytes: m.size ?? 0)
        return .entries(try await drive.list(.folder(folder.itemID)))
    }

    /// The first archive entry whose top-level name the folder already has, shown with that
    /// entry's own size and time. An archive whose directory cannot be read (not a zip) is
    /// asked about as a whole, with no size or time of its own.
    func conflict(_ archive: Metadata, in folder: Metadata, drive: CloudDrive) async -> Conflict? {
        let existing = folder.contents ?? []
        guard let first = existing.first else { return nil }
        let taken = Dictionary(existing.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let members: [ZipDirectory.Member]
        do {
            members = try await ZipDirectory.members(size: archive.size ?? 0) { offset, length in
                try await cloud { try await drive.client.read(fileid: archive.itemID, offset: offset, length: length) }
            }
        } catch {
            var whole = CloudDrive.entry(archive, parentPath: nil)
            whole.name = "entries of \(archive.name)"
            whole.size = 0
            return Conflict(source: whole, existing: CloudDrive.entry(first, parentPath: nil), targetDrive: drive.displayName)
        }
        for member in members {
            let parts = member.path.split(separator: "/")
            guard let top = parts.first.map(String.init), let there = taken[top] else { continue }
            let isFile = parts.count == 1 && !member.isFolder
            let source = Entry(name: top, kind: isFile ? .file : .folder, size: isFile ? member.size : 0,
                               modified: member.modified, path: nil)
            return Conflict(source: source, existing: CloudDrive.entry(there, parentPath: nil), targetDrive: drive.displayName)
        }
        return nil
    }
}
