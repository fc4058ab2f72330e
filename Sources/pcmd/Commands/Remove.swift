import ArgumentParser
import Commander

struct Remove: CloudCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Move pCloud items to the trash (restore them with pcmd trash restore).")

    @Flag(name: .shortAndLong, help: "Folders too, with everything in them.")
    var recursive = false
    @Argument(help: ArgumentHelp("pCloud paths (pc:/path).", valueName: "path"))
    var paths: [RemotePath]
    @Flag(help: "Print the result as JSON.")
    var json = false
    @OptionGroup var cloud: CloudOptions

    func run(on account: Remote) async throws {
        var items: [Item] = []
        for p in paths {
            let e = try await account.entry(p)
            if p.isRoot { throw CommanderError(.unsupported, "the root folder cannot go to the trash") }
            if e.isFolder, !recursive { throw CommanderError(.unsupported, "\(p) is a folder: add -r to trash it whole") }
            items.append(Item(account.drive, e))
        }
        try await account.perform(.delete(items, permanent: false))
        for p in paths { try Console.done(json, "trashed \(p)", action: "rm", path: p.path) }
    }
}
