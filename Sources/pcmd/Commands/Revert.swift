import ArgumentParser
import Commander

struct Revert: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Give a file the content of an older revision (the current content is kept as a revision).")

    @Argument(help: ArgumentHelp("The pCloud file (pc:/path).", valueName: "path"))
    var path: RemotePath
    @Argument(help: "The revisionid, from pcmd revisions.")
    var revision: Int
    @OptionGroup var cloud: CloudOptions

    func run() async throws {
        try await Failure.reporting {
            let account = try await Remote.connect(cloud)
            let file = try await account.entry(path)
            try await account.perform(.revert(Item(account.drive, file), revisionid: revision))
            Terminal.out("reverted \(path) to revision \(revision)")
        }
    }
}
