import ArgumentParser
import Commander
import Foundation

struct Link: CloudCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Create a public link (publink) and print its URL.",
        discussion: """
            Examples:
              pcmd link pc:/Photos/trip.jpg --copy
              pcmd link pc:/Reports --expire 7d --qr
              pcmd link --tree pc:/a.pdf pc:/b.pdf --name papers
            """)

    @Argument(help: ArgumentHelp("pCloud files or folders (pc:/path).", valueName: "path"))
    var paths: [RemotePath]
    @Option(help: ArgumentHelp("The link stops working after this long: 45m, 12h, 7d, 2w.", valueName: "duration"))
    var expire: Lifetime?
    @Flag(help: "Draw the link as a QR code.")
    var qr = false
    @Flag(help: "Copy the link to the clipboard (OSC 52, wl-copy or xclip).")
    var copy = false
    @Flag(help: "Link the folder that holds the file instead of the file.")
    var folder = false
    @Flag(help: "One link showing all the paths as one folder (gettreepublink).")
    var tree = false
    @Option(help: "The folder name a --tree link shows.")
    var name: String?
    @Flag(help: "Print the link as JSON.")
    var json = false
    @OptionGroup var cloud: CloudOptions

    func validate() throws {
        if folder && tree { throw ValidationError("choose --folder or --tree, not both") }
        if paths.isEmpty { throw ValidationError("name the pCloud path to link") }
        if paths.count > 1 && !tree { throw ValidationError("several paths make one link only with --tree") }
    }

    func run(on account: Remote) async throws {
        var limits = PublinkLimits()
        limits.expire = expire?.expiresAt
        let action: Action
        if tree {
            var items: [Item] = []
            for p in paths { items.append(Item(account.drive, try await account.entry(p))) }
            action = .createTreePublink(items, name: name ?? paths[0].name, limits)
        } else {
            let target = try await account.entry(paths[0])
            let linked = folder && !target.isFolder ? try await account.entry(paths[0].parent) : target
            action = .createPublink(Item(account.drive, linked), limits)
        }
        let done = try await account.perform(action)
        guard case .publink(let link)? = done.first?.result else { throw CommanderError(.local, "pCloud gave no link") }
        try show(link)
    }

    func show(_ link: PublinkInfo) throws {
        if json { try Console.json(PublinkRecord(link)) } else { Console.out(link.link) }
        if qr { try QRCode(link.link).halfBlockLines().forEach(Console.out) }
        if copy { Console.error(ClipboardWriter.copy(link.link)) }
    }
}

/// A publink as `--json` prints it.
struct PublinkRecord: Encodable {
    var linkid: Int
    var code: String
    var link: String
    var expires: Int64?
    var downloads: Int?
    var traffic: Int64?
    var name: String?
    var isfolder: Bool?

    init(_ p: PublinkInfo) {
        linkid = p.linkid; code = p.code; link = p.link; expires = p.expires; downloads = p.downloads; traffic = p.traffic
        name = p.name; isfolder = p.name == nil ? nil : p.isFolder
    }
}
