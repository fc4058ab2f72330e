import ArgumentParser
import Commander

struct Zip: CloudCommand {
    static let configuration = CommandConfiguration(
        commandName: "zip",
        abstract: "Zip pCloud items into a new archive on pCloud (the server does the work).",
        discussion: "Example: pcmd zip pc:/Photos pc:/notes.txt --to pc:/backup.zip")

    @Argument(help: ArgumentHelp("pCloud files or folders (pc:/path).", valueName: "path"))
    var paths: [RemotePath]
    @Option(help: ArgumentHelp("The archive to create.", valueName: "remote.zip"))
    var to: RemotePath
    @OptionGroup var conflicts: ConflictOptions
    @Flag(help: "Print the result as JSON.")
    var json = false
    @OptionGroup var cloud: CloudOptions

    func run(on account: Remote) async throws {
        var items: [Item] = []
        for p in paths { items.append(Item(account.drive, try await account.entry(p))) }
        let folder = try await account.folder(to.parent)
        let (resolver, refused) = conflicts.resolver()
        let done = try await account.perform(.zip(items, into: Item(account.drive, folder), name: to.name), resolver: resolver)
        try await refused?.check(in: to.parent)
        if case .entries(let e)? = done.first?.result, let zip = e.first {
            try Console.done(json, "\(to.parent.appending(zip.name)) (\(Units.bytes(zip.size)))", action: "zip",
                             path: to.parent.appending(zip.name).path, ["size": "\(zip.size)"])
        }
    }
}
