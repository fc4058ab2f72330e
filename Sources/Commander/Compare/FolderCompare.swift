import Foundation
import PCloudAPI

/// Compares two folders on any two drives; changes nothing on either side. Quick mode looks at
/// names, sizes and modified times; thorough mode at content digests (`checksumfile` in the
/// cloud, hashing on disk), only for files whose sizes match, a bounded number at a time.
struct FolderCompare: Sendable {
    let left: Item
    let right: Item
    let options: CompareOptions

    func run(_ ctx: JobContext) async throws -> Comparison {
        try await refuseSameFolder()
        async let l = FolderListing.of(left.drive, left.ref, side: .left, recursive: options.recursive)
        async let r = FolderListing.of(right.drive, right.ref, side: .right, recursive: options.recursive)
        let (a, b) = try await (l, r)
        var skipped = a.skipped + b.skipped
        // What one side could not look at is not compared on either side.
        let unseen = skipped.map(\.path)
        var items = Self.match(a.entries, b.entries, mode: options.mode).filter { item in
            !unseen.contains { item.path == $0 || item.path.hasPrefix($0 + "/") }
        }
        if options.mode == .thorough {
            try await checkContent(&items, skipped: &skipped, ctx: ctx)
        }
        return Comparison(options: options, items: items, skipped: skipped)
    }

    /// A folder compared with itself says nothing; say so instead.
    func refuseSameFolder() async throws {
        var shown: [String] = []
        for (item, what) in [(left, "first"), (right, "second")] {
            let e = try await item.drive.stat(item.ref)
            shown.append(e.path ?? item.ref.description)
            guard e.isFolder else { throw CommanderError(.unsupported, "the \(what) item, \(shown.last!), is not a folder") }
        }
        guard left.drive.isSame(right.drive) else { return }
        let same: Bool
        if let c = left.drive as? CloudDrive {
            same = try await c.folderID(left.ref) == (try await c.folderID(right.ref))
        } else if case .path(let a) = left.ref, case .path(let b) = right.ref {
            same = Self.real(a) == Self.real(b)
        } else {
            same = left.ref == right.ref
        }
        if same { throw CommanderError(.unsupported, "\(shown[0]) is the same folder on both sides; pick two different folders") }
    }

    static func real(_ path: String) -> String {
        guard let r = realpath(path, nil) else { return path }
        defer { free(r) }
        return String(cString: r)
    }

    /// Every path of both sides with what names, sizes and (in quick mode) times say. In a
    /// recursive compare a folder on one side only is represented by its files; an empty one
    /// stands for itself.
    static func match(_ a: [String: Entry], _ b: [String: Entry], mode: CompareOptions.Mode) -> [ComparedItem] {
        // Each path's folders, once: asking every folder whether some path lies below it was
        // quadratic, and a recursive compare of /tmp (330,000 paths here) ran on for good.
        let parents = (Self.parents(of: a.keys), Self.parents(of: b.keys))
        var out: [ComparedItem] = []
        for path in Set(a.keys).union(b.keys).sorted() {
            let l = a[path], r = b[path]
            var item = ComparedItem(path: path, status: .identical, left: l, right: r)
            switch (l, r) {
            case (let l?, nil):
                if l.isFolder, parents.0.contains(path) { continue }
                item.status = .onlyLeft
            case (nil, let r?):
                if r.isFolder, parents.1.contains(path) { continue }
                item.status = .onlyRight
            case (let l?, let r?):
                if l.isFolder != r.isFolder {
                    item.status = .differs; item.reason = .kind
                } else if l.isFolder {
                    continue  // both folders: their content is what counts
                } else if l.size != r.size {
                    item.status = .differs; item.reason = .size
                } else if mode == .quick, abs(l.modified.timeIntervalSince(r.modified)) >= CompareOptions.mtimeTolerance {
                    item.status = .differs; item.reason = .mtime
                }
            case (nil, nil):
                continue
            }
            out.append(item)
        }
        return out
    }

    /// The folders that hold something among `paths`: every prefix of a path that ends before
    /// one of its slashes.
    static func parents(of paths: some Sequence<String>) -> Set<String> {
        var out: Set<String> = []
        for path in paths {
            var p = Substring(path)
            // A parent already in the set brought its own parents with it.
            while let slash = p.lastIndex(of: "/") {
                p = p[..<slash]
                guard out.insert(String(p)).inserted else { break }
            }
        }
        return out
    }

    /// Digests for the files whose sizes match, at most `parallelTransfers` at a time. Progress:
    /// files checked of those to check, bytes hashed on disk.
    func checkContent(_ items: inout [ComparedItem], skipped: inout [SkippedItem], ctx: JobContext) async throws {
        let pending = items.indices.filter { items[$0].status == .identical }
        let localBytes = pending.reduce(Int64(0)) { sum, i in
            sum + (left.drive is CloudDrive ? 0 : items[i].left!.size) + (right.drive is CloudDrive ? 0 : items[i].right!.size)
        }
        ctx.addTotals(bytes: localBytes, files: pending.count)
        let results = try await withThrowingTaskGroup(of: (Int, Result<Bool, CommanderError>).self) { group in
            var out: [(Int, Result<Bool, CommanderError>)] = []
            var running = 0
            for i in pending {
                if running >= max(1, ctx.parallelTransfers), let r = try await group.next() { out.append(r); running -= 1 }
                try Task.checkCancellation()
                let item = items[i]
                group.addTask { (i, try await self.sameContent(item, ctx: ctx)) }
                running += 1
            }
            for try await r in group { out.append(r) }
            return out
        }
        var unreadable: [Int] = []
        for (i, r) in results {
            switch r {
            case .success(true): break
            case .success(false): items[i].status = .differs; items[i].reason = .content
            case .failure(let e):
                skipped.append(SkippedItem(side: left.drive is CloudDrive ? .right : .left, path: items[i].path, reason: e.message))
                unreadable.append(i)
            }
        }
        for i in unreadable.sorted(by: >) { items.remove(at: i) }
    }

    /// Both digests of one pair. The cloud's `checksumfile` goes first: its reply decides the
    /// algorithm the local side hashes with (SHA-1, else the region's SHA-256 or MD5). A local
    /// file that cannot be read is a failure the caller lists as skipped.
    func sameContent(_ item: ComparedItem, ctx: JobContext) async throws -> Result<Bool, CommanderError> {
        let key = "compare:" + item.path
        ctx.started(item.path)
        let cloudFirst = right.drive is CloudDrive && !(left.drive is CloudDrive)
        let (first, second) = cloudFirst ? ((right.drive, item.right!), (left.drive, item.left!))
            : ((left.drive, item.left!), (right.drive, item.right!))
        // Bytes hashed on disk: the first side's, then the second's on top.
        let firstBytes = first.0 is CloudDrive ? 0 : first.1.size
        let secondBytes = second.0 is CloudDrive ? 0 : second.1.size
        do {
            let a = try await Digest.of(first.1, on: first.0, as: nil) { ctx.progress(key, $0) }
            let b = try await Digest.of(second.1, on: second.0, as: a.algorithm) { ctx.progress(key, firstBytes + $0) }
            ctx.fileDone(key, bytes: firstBytes + secondBytes)
            return .success(a == b)
        } catch let e as CommanderError where e.kind == .notFound || e.kind == .local {
            ctx.fileDone(key, bytes: 0)
            return .failure(e)
        }
    }
}

enum DigestAlgorithm: String, Sendable { case sha1, sha256, md5 }

/// A content digest of one file by one algorithm.
struct Digest: Sendable, Equatable {
    let algorithm: DigestAlgorithm
    let hex: String

    /// `checksumfile` in the cloud (the wanted algorithm, else SHA-1, else what the region
    /// gives); a hash of the file elsewhere (the wanted algorithm, else SHA-1).
    static func of(_ entry: Entry, on drive: any Drive, as wanted: DigestAlgorithm?,
                   progress: @escaping @Sendable (Int64) -> Void) async throws -> Digest {
        if let c = drive as? CloudDrive {
            guard let id = entry.fileid else { throw CommanderError(.unsupported, "\(entry.name) has no fileid") }
            let sums = try await cloud { try await c.client.checksumFile(id).checksums }
            let given: [DigestAlgorithm: String] = [.sha1: sums.sha1, .sha256: sums.sha256 ?? "", .md5: sums.md5 ?? ""]
                .filter { !$0.value.isEmpty }
            for algorithm in [wanted, .sha1, .sha256, .md5].compactMap({ $0 }) {
                if let hex = given[algorithm] { return Digest(algorithm: algorithm, hex: hex.lowercased()) }
            }
            throw CommanderError(.cloud, "checksumfile gave no digest for \(entry.name)")
        }
        guard let path = entry.path else { throw CommanderError(.unsupported, "\(entry.name) has no path") }
        let algorithm = wanted ?? .sha1
        return Digest(algorithm: algorithm, hex: try LocalFiles.digest(path, algorithm, progress: progress))
    }
}
