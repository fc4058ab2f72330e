import ArgumentParser
import Commander
import Foundation

struct Trash: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trash",
        abstract: "List, restore or clear pCloud's trash.",
        discussion: "pCloud keeps the trash from app (OAuth) tokens: sign in with pcmd login --password first.",
        subcommands: [TrashList.self, TrashRestore.self, TrashClear.self],
        defaultSubcommand: TrashList.self)
}

struct TrashList: CloudCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "What is in the trash.")
    static let needsSessionToken = true

    @Flag(help: "One JSON object per entry.")
    var json = false
    @OptionGroup var cloud: CloudOptions

    func run(on account: Remote) async throws {
        let entries = try await account.drive.trashList()
        if json { return try entries.forEach { try Console.json(EntryRecord($0)) } }
        List.longTable(entries.map { ($0, $0.name + ($0.isFolder ? "/" : "")) })
    }
}

struct TrashRestore: CloudCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Put a trashed item back where it was, or into --to.")
    static let needsSessionToken = true

    @Argument(help: ArgumentHelp("Where the item lived (pc:/path) or its name in the trash.", valueName: "path"))
    var path: RemotePath
    @Option(help: ArgumentHelp("Restore into this pCloud folder instead.", valueName: "dir"))
    var to: RemotePath?
    @OptionGroup var cloud: CloudOptions

    func run(on account: Remote) async throws {
        let candidates = try await account.drive.trashList().filter { $0.name == path.name }
        // Several trashed items can share a name: prefer the one whose folder matches.
        let parentID = try? await account.folder(path.parent).folderid
        guard let entry = candidates.first(where: { $0.origparentfolderid == parentID }) ?? candidates.first else {
            throw CommanderError(.notFound, "\(path.name) is not in the trash", hint: "see pcmd trash ls")
        }
        var into: Item?
        if let to { into = Item(account.drive, try await account.folder(to)) }
        try await account.perform(.restore([entry], drive: account.drive, into: into))
        Console.out("restored \(entry.name)\(to.map { " into \($0)" } ?? "")")
    }
}

struct TrashClear: CloudCommand {
    static let configuration = CommandConfiguration(commandName: "clear", abstract: "Empty the trash for good.")
    static let needsSessionToken = true

    @Flag(help: "Do not ask (needed when stdin is not a terminal).")
    var yes = false
    @OptionGroup var cloud: CloudOptions

    func run(on account: Remote) async throws {
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else {
                throw CommanderError(.unsupported, "emptying the trash cannot be undone: add --yes to confirm")
            }
            Prompt.say("Empty the trash for good? [y/N] ")
            guard readLine()?.lowercased().hasPrefix("y") == true else { return }
        }
        try await account.perform(.emptyTrash(account.drive))
        Console.out("trash emptied")
    }
}
