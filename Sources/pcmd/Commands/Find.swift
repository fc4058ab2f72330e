import ArgumentParser
import Commander
import Foundation

struct Find: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: "Find files by name, kind, size and age in a pCloud folder or a local one.",
        discussion: """
            PATTERN is text found anywhere in a name, or a shell glob (*, ?, [a-z]) matched against the \
            whole name; case does not matter unless --case-sensitive. With one argument, the pCloud root \
            is searched. Ages are 7d, 12h, 2w or a date (2026-01-31).
            Examples: pcmd find report · pcmd find pc:/Photos '*.jpg' --newer 30d · pcmd find ~/src '*.swift' --larger 100k
            """)

    @Argument(help: ArgumentHelp("[pc:/FOLDER | FOLDER] PATTERN", valueName: "folder-and-pattern"))
    var arguments: [String]
    @Option(help: "Only this kind: image, video, audio, document, archive.")
    var category: String?
    @Option(help: "Larger than this size (10M, 1.5G, 512k).")
    var larger: String?
    @Option(help: "Smaller than this size.")
    var smaller: String?
    @Option(help: "Modified within this age or since this date.")
    var newer: String?
    @Option(help: "Modified before this age or date.")
    var older: String?
    @Flag(help: "Tell upper from lower case.")
    var caseSensitive = false
    @Flag(name: .short, help: "Long listing: kind, size, modified time.")
    var long = false
    @Flag(help: "JSON: one object with the folder, the pattern, `found` and `skipped`.")
    var json = false
    @OptionGroup var cloud: CloudOptions

    func validate() throws {
        guard (1...2).contains(arguments.count) else { throw ValidationError("give a pattern, and before it optionally a folder") }
    }

    func run() async throws {
        try await Failure.reporting {
            let pattern = arguments.last!
            let query: FindQuery
            do {
                query = try FindQuery(pattern: pattern, caseSensitive: caseSensitive, category: category, larger: larger,
                                      smaller: smaller, newer: newer, older: older)
            } catch let e as CommanderError where e.kind == .invalidInput {
                throw ValidationError(e.message)
            }
            let side = arguments.count == 2 ? Side(arguments[0]) : .remote(RemotePath(absolute: "/"))
            var report = FindReport(folder: side.description, pattern: pattern)
            switch side {
            case .remote(let folder):
                let account = try await Remote.connect(cloud)
                _ = try await account.folder(folder)
                let found = try await account.drive.find(query, under: folder.path)
                    .sorted { $0.path! < $1.path! }
                show(found.map { (RemotePath(absolute: $0.path!).description, $0) }, into: &report)
            case .local(let folder):
                guard LocalDrive.isFolder(folder) else { throw Failure.notALocalFolder(folder) }
                // Shown as they are found: a big disk answers a line at a time.
                for try await batch in LocalSearch.run(query, in: folder, drive: LocalDrive()) {
                    show(batch.found.map { ($0.path!, $0) }, into: &report)
                    for s in batch.skipped {
                        report.skipped.append(SkippedRecord(path: s.path, reason: s.reason))
                        if !json { Console.error("skipped \(s.path): \(s.reason)") }
                    }
                }
            }
            if json { try Console.json(report) }
        }
    }

    private func show(_ found: [(String, Entry)], into report: inout FindReport) {
        // JSON keeps pCloud's plain paths, as `ls --json` does; text writes them as arguments.
        if json { report.found += found.map { EntryRecord($1) }; return }
        let named = found.map { ($1, $0 + ($1.isFolder ? "/" : "")) }
        if long { List.longTable(named) } else { named.forEach { Console.out($1) } }
    }
}

struct FindReport: Encodable {
    var folder: String
    var pattern: String
    var found: [EntryRecord] = []
    var skipped: [SkippedRecord] = []
}

struct SkippedRecord: Encodable {
    var path: String
    var reason: String
}
