import Foundation
@preconcurrency import ZIPFoundation

/// Zips and unzips on disk with ZIPFoundation, streaming entry by entry.
enum LocalZip {
    /// Writes a zip of `paths` (files or folders, each stored under its own name) to `archive`.
    static func create(_ archive: String, of paths: [String], ctx: JobContext) throws {
        var members: [(base: URL, relative: String, size: Int64)] = []
        // ZIPFoundation reads members through UTF-8 paths: a name that is not UTF-8 (`RawName`)
        // is left out, by name, rather than lost or failing the whole zip.
        func add(_ path: String, base: URL, relative: String) throws {
            guard !RawName.hasRawBytes(relative) else {
                return ctx.skipped(SkippedFile(path: path, reason: "the name is not valid UTF-8, which the zip cannot hold here",
                                               hint: "rename it, e.g. convmv -f latin1 -t utf-8 --notest on it"))
            }
            let entry = try LocalDrive.entry(at: path)
            members.append((base, relative, entry.kind == .file ? entry.size : 0))
            guard entry.isFolder else { return }
            for child in try LocalDrive.names(in: path).sorted(by: { $0.name < $1.name }) {
                try add(Names.join(path, child.name), base: base, relative: relative + "/" + child.name)
            }
        }
        for path in paths { try add(path, base: URL(fileURLWithPath: Names.parent(path)), relative: Names.last(path)) }
        ctx.addTotals(bytes: members.reduce(0) { $0 + $1.size }, files: members.count)
        let zip = try Archive(url: URL(fileURLWithPath: archive), accessMode: .create)
        for m in members {
            try Task.checkCancellation()
            ctx.started(m.relative)
            try zip.addEntry(with: m.relative, relativeTo: m.base, compressionMethod: .deflate)
            ctx.fileDone(m.relative, bytes: m.size)
        }
    }

    /// Unpacks `archive` into `folder`. Every entry is checked first: a path leaving the folder
    /// (absolute, `..`) or a link pointing outside refuses the whole archive. Entries go to a
    /// hidden staging folder, then into place with the job's conflict answers.
    static func extract(_ archive: String, into folder: String, ctx: JobContext) throws -> Staging {
        let zip = try Archive(url: URL(fileURLWithPath: archive), accessMode: .read)
        let entries = Array(zip)
        var links: [String: String] = [:]
        for e in entries {
            guard let parts = safeComponents(e.path) else { throw unsafe(e.path) }
            if e.type == .symlink {
                var data = Data()
                _ = try zip.extract(e, consumer: { data.append($0) })
                let target = String(decoding: data, as: UTF8.self)
                guard linkStaysInside(target, at: parts) else { throw unsafe("\(e.path) → \(target)") }
                links[e.path] = target
            }
        }
        ctx.addTotals(bytes: entries.reduce(0) { $0 + ($1.type == .file ? Int64($1.uncompressedSize) : 0) },
                      files: entries.count)
        let staging = Names.join(folder, ".pcmd-extract-\(UUID().uuidString.prefix(8))")
        ctx.ownTemp(staging)
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        for e in entries {
            try Task.checkCancellation()
            ctx.started(e.path)
            let to = URL(fileURLWithPath: Names.join(staging, safeComponents(e.path)!.joined(separator: "/")))
            if let link = links[e.path] {
                try FileManager.default.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(atPath: to.path, withDestinationPath: link)
            } else if !FileManager.default.fileExists(atPath: to.path) {
                _ = try zip.extract(e, to: to)
            }
            ctx.fileDone(e.path, bytes: e.type == .file ? Int64(e.uncompressedSize) : 0)
        }
        return Staging(path: staging)
    }

    /// Path components of an entry, or nil when it would leave the target.
    static func safeComponents(_ path: String) -> [String]? {
        let normalized = path.replacingOccurrences(of: "\\", with: "/")
        guard !normalized.hasPrefix("/"), !normalized.contains("\0") else { return nil }
        let parts = normalized.split(separator: "/").map(String.init).filter { $0 != "." && !$0.isEmpty }
        guard !parts.isEmpty, !parts.contains("..") else { return nil }
        return parts
    }

    /// A link's target, resolved from the link's own folder, must stay inside the target.
    static func linkStaysInside(_ target: String, at parts: [String]) -> Bool {
        guard !target.hasPrefix("/"), !target.isEmpty else { return false }
        var depth = parts.count - 1
        for c in target.split(separator: "/") where c != "." {
            depth += c == ".." ? -1 : 1
            if depth < 0 { return false }
        }
        return true
    }

    static func unsafe(_ what: String) -> CommanderError {
        CommanderError(.unsafeArchive, "the archive is refused: \(what) would land outside the target folder")
    }

    /// Extracted entries waiting to be moved into place.
    struct Staging {
        let path: String

        /// Moves everything into `folder`, merging folders and asking about taken names.
        func place(into folder: String, ctx: JobContext) async throws -> [Entry] {
            let placed = try await LocalZip.place(from: path, into: folder, ctx: ctx)
            try? FileManager.default.removeItem(atPath: path)
            ctx.releaseTemp(path)
            return placed
        }
    }

    static func place(from staged: String, into folder: String, ctx: JobContext) async throws -> [Entry] {
        var placed: [Entry] = []
        let names = try FileManager.default.contentsOfDirectory(atPath: staged).sorted()
        for name in names {
            let source = try LocalDrive.entry(at: Names.join(staged, name))
            var taken: [String: Entry] = [:]
            for n in try FileManager.default.contentsOfDirectory(atPath: folder) {
                taken[n] = try? LocalDrive.entry(at: Names.join(folder, n))
            }
            if let existing = taken[name], existing.isFolder, source.isFolder {
                _ = try await place(from: source.path!, into: existing.path!, ctx: ctx)
                placed.append(existing)
                continue
            }
            guard let d = await Placement.decide(source, taken: taken, targetDrive: "Local", ctx: ctx) else { continue }
            let to = Names.join(folder, d.name)
            try LocalFiles.place(source.path!, at: to, replace: d.overwrite)
            placed.append(try LocalDrive.entry(at: to))
        }
        return placed
    }
}
