import ArgumentParser
import Commander
import Foundation

struct Compare: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two folders (a local one and a pCloud one, or any two); changes nothing.",
        discussion: """
            Prints a line per difference (`- only-local a.txt`, `+ only-cloud b.txt`, \
            `* differs c.txt (content)`) and the counts. Without --checksum files are the same when \
            name, size and modified time (to the second) match; with it, when size and content match \
            (your SHA-1 against pCloud's checksumfile; nothing is downloaded). Exit status: 0 the \
            same, 1 they differ, 2 bad arguments (a folder with itself), 3 sign-in, 4 other errors.
            Example: pcmd compare ~/Photos pc:/Photos --checksum --recursive
            """)

    @Argument(help: ArgumentHelp("The first folder (local, or pc:/path).", valueName: "folder"))
    var first: String
    @Argument(help: ArgumentHelp("The second folder (pc:/path, or local).", valueName: "folder"))
    var second: String
    @Flag(name: [.customLong("checksum"), .short], help: "Compare content (checksums) rather than modified times.")
    var checksum = false
    @Flag(name: [.customLong("recursive"), .customShort("R")], help: "Compare subfolders too.")
    var recursive = false
    @Flag(help: "Print one JSON object: counts, differences, skipped items.")
    var json = false
    @OptionGroup var cloud: CloudOptions

    func run() async throws {
        var differ = false
        do {
            try await Failure.reporting {
                let account = try await Remote.connect(cloud)
                let sides = [Side(first), Side(second)]
                // Checked to be folders, then addressed by path so messages can name them.
                let (left, right) = try await (item(sides[0], account), item(sides[1], account))
                let options = CompareOptions(mode: checksum ? .thorough : .quick, recursive: recursive)
                let done: [JobSnapshot]
                do {
                    // Checksums a configured number at a time (config.toml's concurrency.transfers).
                    let c = try cloud.accounts().config.concurrency
                    let queue = JobQueue(config: .init(concurrentJobs: c.jobs, parallelTransfers: c.transfers))
                    done = try await queue.performShowingProgress(.compare(left, right, options), resolver: FixedResolver())
                } catch let e as CommanderError where e.kind == .unsupported {
                    Console.error(Failure.message(e))
                    throw ExitCode.usage
                }
                guard case .comparison(let c)? = done.first?.result else {
                    throw CommanderError(.local, "the compare gave no result")
                }
                try report(c, labels: CompareLabels(sides[0], sides[1]))
                differ = !c.isIdentical
            }
        } catch ExitCode.error {
            throw ExitCode.compareFailed
        }
        if differ { throw ExitCode.error }
    }

    func item(_ side: Side, _ account: Remote) async throws -> Item {
        let folder = try await account.folderItem(side)
        guard case .remote(let r) = side else { return folder }
        return Item(account.drive, .path(r.path))
    }

    func report(_ c: Comparison, labels: CompareLabels) throws {
        if json {
            try Console.json(CompareRecord(c, first: first, second: second, labels: labels))
            return
        }
        for s in c.skipped { Console.error("skipped \(s.path) (\(labels.name(s.side))): \(s.reason)") }
        for d in c.differences { Console.out("\(labels.sign(d.status)) \(labels.word(d.status)) \(d.path)\(d.reason.map { " (\($0.rawValue))" } ?? "")") }
        Console.out("\(c.count(.onlyLeft)) \(labels.word(.onlyLeft)), \(c.count(.onlyRight)) \(labels.word(.onlyRight)), "
                    + "\(c.count(.differs)) differing, \(c.count(.identical)) identical"
                    + (c.skipped.isEmpty ? "" : ", \(c.skipped.count) skipped"))
    }
}

/// Words for the two sides: "local" and "cloud" when they are those, else "first" and "second".
struct CompareLabels {
    let left: String, right: String

    init(_ a: Side, _ b: Side) {
        (left, right) = a.isRemote == b.isRemote ? ("first", "second") : (a.isRemote ? "cloud" : "local", b.isRemote ? "cloud" : "local")
    }

    func name(_ side: CompareSide) -> String { side == .left ? left : right }

    /// `only-local`, `only-cloud`, `differs`, `identical`.
    func word(_ status: ComparedItem.Status) -> String {
        switch status {
        case .onlyLeft: "only-\(left)"
        case .onlyRight: "only-\(right)"
        case .differs: "differs"
        case .identical: "identical"
        }
    }

    /// rclone check's marks: `-` missing on the second side, `+` missing on the first, `*` differs.
    func sign(_ status: ComparedItem.Status) -> String {
        switch status {
        case .onlyLeft: "-"
        case .onlyRight: "+"
        case .differs: "*"
        case .identical: "="
        }
    }
}

struct CompareRecord: Encodable {
    struct Difference: Encodable {
        var path: String
        var status: String
        var reason: String?
    }
    struct Skipped: Encodable {
        var side: String
        var path: String
        var reason: String
    }
    var first: String
    var second: String
    var mode: String
    var recursive: Bool
    var identical: Bool
    var counts: [String: Int]
    var differences: [Difference]
    var skipped: [Skipped]

    init(_ c: Comparison, first: String, second: String, labels: CompareLabels) {
        self.first = first
        self.second = second
        mode = c.options.mode.rawValue
        recursive = c.options.recursive
        identical = c.isIdentical
        let statuses: [ComparedItem.Status] = [.onlyLeft, .onlyRight, .differs, .identical]
        counts = Dictionary(uniqueKeysWithValues: statuses.map { (labels.word($0), c.count($0)) })
        differences = c.differences.map { Difference(path: $0.path, status: labels.word($0.status), reason: $0.reason?.rawValue) }
        skipped = c.skipped.map { Skipped(side: labels.name($0.side), path: $0.path, reason: $0.reason) }
    }
}
