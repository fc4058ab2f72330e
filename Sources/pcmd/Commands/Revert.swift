import ArgumentParser
import Commander

struct Revert: CloudCommand {
    static let configuration = CommandConfiguration(
        commandName: "revert",
        abstract: "Give a file the content of an older revision (the current content is kept as a revision).")

    @Argument(help: ArgumentHelp("The pCloud file (pc:/path).", valueName: "path"))
    var path: RemotePath
    @Argument(help: "The revisionid, from pcmd revisions.")
    var revision: Int
    @Flag(help: "Print the result as JSON.")
    var json = false
    @OptionGroup var cloud: CloudOptions

    func run(on account: Remote) async throws {
        let file = try await account.entry(path)
        try await account.perform(.revert(Item(account.drive, file), revisionid: revision))
        try Console.done(json, "reverted \(path) to revision \(revision)", action: "revert", path: path.path, ["revisionid": "\(revision)"])
    }
}
