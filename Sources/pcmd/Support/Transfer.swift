import ArgumentParser
import Commander
import Foundation

/// put, get, cp and mv are one operation: items from either side into a folder on either side.
/// Commander's planner picks upload, download or a server-side copy by where they live.
struct Transfer {
    var sources: [Side]
    var target: Side
    /// Written with a trailing slash: a folder, never the one item's new name (as for cp).
    var targetIsFolder = false
    var move: Bool
    var conflicts: ConflictOptions
    var cloud: CloudOptions
    var json: Bool

    func run() async throws {
        let account = try await Remote.connect(cloud, transfers: true)
        let (into, name) = try await destination(account)
        var items: [Item] = []
        for source in sources { items.append(try await item(source, account)) }
        let (resolver, refused) = conflicts.resolver()
        let action: Action = if let name { .copyAs(items[0], into: into.item, name: name, move: move) }
            else { move ? .move(items, into: into.item) : .copy(items, into: into.item) }
        let done = try await account.performAll(action, resolver: resolver)
        for (source, snapshot) in zip(sources, done) {
            guard case .entries(let placed)? = snapshot.result, let entry = placed.first else { continue }
            let landed = Self.location(into.side, child: entry.name)
            if json {
                try Console.json(TransferRecord(source: source.description, target: landed.description,
                                                bytes: snapshot.bytesDone, files: snapshot.filesDone))
            } else {
                Console.out("\(source) → \(landed)")
            }
        }
        // Said whether the jobs then failed or not: on a failure they are what explains it.
        try Self.tell(done, json: json)
        try done.requireDone()
        try await refused?.check(in: into.side)
        try Self.report(skipped: done.flatMap(\.skipped))
    }

    /// What changed how the jobs went (a file sent again whole after a lost connection) as
    /// notes, and each item left out by name with the reason and a hint, on stderr (and as JSON
    /// lines with `--json`); before the outcome, which stays the last line.
    static func tell(_ jobs: [JobSnapshot], json: Bool) throws {
        for note in jobs.flatMap(\.notes) { Console.note(note) }
        for s in jobs.flatMap(\.skipped) {
            Console.error("skipped \(s.path): \(s.reason)" + (s.hint.map { " — \($0)" } ?? ""))
            if json { try Console.json(SkipRecord(path: s.path, reason: s.reason, hint: s.hint)) }
        }
    }

    /// After `tell`, for jobs that are done: "done with N skipped" and `ExitCode.skipped`.
    static func report(skipped: [SkippedFile]) throws {
        guard !skipped.isEmpty else { return }
        Console.error("done with \(skipped.count) skipped")
        throw ExitCode.skipped
    }

    /// The folder the items go into, and a new name when the target names one item rather than
    /// a folder (`put a.txt pc:/docs/b.txt`: a missing path, or an existing file to replace).
    func destination(_ account: Remote) async throws -> (folder: (item: Item, side: Side), name: String?) {
        if let folder = try? await folder(target, account) { return ((folder, target), nil) }
        guard sources.count == 1, !targetIsFolder, let parent = target.parent else {
            return ((try await folder(target, account), target), nil)  // throws the reason
        }
        return ((try await folder(parent, account), parent), target.name)
    }

    static func location(_ folder: Side, child name: String) -> Side {
        switch folder {
        case .local(let p): .local(URL(fileURLWithPath: p).appendingPathComponent(name).path)
        case .remote(let r): .remote(r.appending(name))
        }
    }

    func folder(_ location: Side, _ account: Remote) async throws -> Item { try await account.folderItem(location) }

    func item(_ location: Side, _ account: Remote) async throws -> Item {
        switch location {
        case .remote(let r):
            return Item(account.drive, try await account.entry(r))
        case .local(let p):
            guard LocalDrive.exists(p) else {
                throw CommanderError(.notFound, "\(p) does not exist on this computer", hint: Failure.localPathHint)
            }
            return account.localItem(p)
        }
    }
}

struct SkipRecord: Encodable {
    var action = "skip"
    var path: String
    var reason: String
    var hint: String?
}

struct TransferRecord: Encodable {
    var source: String
    var target: String
    var bytes: Int64
    var files: Int
}

/// The arguments put, get, cp and mv share.
struct TransferOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Sources, then the target folder; pCloud paths are written pc:/path.",
                                 valueName: "source… target"))
    var paths: [String]
    @OptionGroup var conflicts: ConflictOptions
    @OptionGroup var bandwidth: BandwidthOption
    @Flag(help: "Print one JSON object per item.")
    var json = false
    @OptionGroup var cloud: CloudOptions

    var sources: [Side] { paths.dropLast().map(Side.init) }
    var target: Side { Side(paths.last!) }

    func validate() throws {
        guard paths.count >= 2 else { throw ValidationError("give at least one source and a target folder") }
    }

    /// Runs the transfer of `paths` (sources, then the target folder).
    func run(move: Bool) async throws {
        try await Failure.reporting {
            try bandwidth.apply(cloud)
            try await Transfer(sources: sources, target: target, targetIsFolder: paths.last!.hasSuffix("/"), move: move,
                               conflicts: conflicts, cloud: cloud, json: json).run()
        }
    }
}
