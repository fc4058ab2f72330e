import ArgumentParser
import Commander
import Foundation

struct UploadLinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uploadlink",
        abstract: "Upload links: let others drop files into one of your folders.",
        subcommands: [UploadLinkList.self, UploadLinkCreate.self, UploadLinkDelete.self],
        defaultSubcommand: UploadLinkList.self)
}

struct UploadLinkRecord: Encodable {
    var uploadlinkid: Int
    var link: String
    var code: String
    var comment: String?
    init(_ u: UploadLinkInfo) { uploadlinkid = u.uploadlinkid; link = u.link; code = u.code; comment = u.comment }
}

struct UploadLinkList: CloudCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "Your upload links.")

    @Flag(help: "One JSON object per link.")
    var json = false
    @OptionGroup var cloud: CloudOptions

    func run(on account: Remote) async throws {
        let links = try await account.drive.uploadLinks()
        if json { return try links.forEach { try Console.json(UploadLinkRecord($0)) } }
        Console.table(links.map { [String($0.uploadlinkid), $0.link, $0.comment ?? ""] })
    }
}

struct UploadLinkCreate: CloudCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "An upload link into a folder.")

    @Argument(help: ArgumentHelp("The pCloud folder (pc:/path).", valueName: "dir"))
    var folder: RemotePath
    @Option(help: "What the uploader sees.")
    var comment: String
    @Option(help: ArgumentHelp("Stop accepting after this long: 12h, 7d.", valueName: "duration"))
    var expire: Lifetime?
    @Option(help: ArgumentHelp("At most this much in all: 500M, 2G.", valueName: "size"))
    var maxSpace: ByteCount?
    @Option(help: "At most this many files.")
    var maxFiles: Int?
    @Flag(help: "Print the link as JSON.")
    var json = false
    @OptionGroup var cloud: CloudOptions

    func run(on account: Remote) async throws {
        let dir = try await account.folder(folder)
        let done = try await account.perform(.createUploadLink(Item(account.drive, dir), comment: comment, expire: expire?.expiresAt,
                                                               maxspace: maxSpace?.bytes, maxfiles: maxFiles))
        guard case .uploadLink(let link)? = done.first?.result else { throw CommanderError(.local, "pCloud gave no link") }
        if json { try Console.json(UploadLinkRecord(link)) } else { Console.out(link.link) }
    }
}

struct UploadLinkDelete: CloudCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete an upload link by its id.")

    @Argument(help: "The uploadlinkid, from pcmd uploadlink ls.")
    var id: Int
    @OptionGroup var cloud: CloudOptions

    func run(on account: Remote) async throws {
        try await account.perform(.deleteUploadLink(drive: account.drive, uploadlinkid: id))
        Console.out("deleted upload link \(id)")
    }
}
