import ArgumentParser
import Commander

struct Shares: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shares",
        abstract: "List shares and share offers; accept, decline or remove them.",
        subcommands: [SharesList.self, SharesAccept.self, SharesDecline.self, SharesRemove.self],
        defaultSubcommand: SharesList.self)
}

struct SharesList: CloudCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "Shares and pending offers, both ways.")

    @Flag(help: "One JSON object per share.")
    var json = false
    @OptionGroup var cloud: CloudOptions

    func run(on account: Remote) async throws {
        let shares = try await account.drive.shares()
        if json { return try shares.forEach { try Console.json(ShareRecord($0)) } }
        Console.table(shares.map { s in
            let id = s.shareid.map { "share \($0)" } ?? s.sharerequestid.map { "offer \($0)" } ?? "-"
            return [id, s.incoming ? "from" : "to", s.mail ?? "-", SharePermissionsArgument.describe(s.permissions), s.name ?? "-"]
        })
    }
}

/// A share as `--json` prints it.
struct ShareRecord: Encodable {
    var shareid: Int?
    var sharerequestid: Int?
    var folderid: Int?
    var name: String?
    var mail: String?
    var incoming: Bool
    var permissions: String

    init(_ s: ShareInfo) {
        shareid = s.shareid; sharerequestid = s.sharerequestid; folderid = s.folderid; name = s.name; mail = s.mail
        incoming = s.incoming; permissions = SharePermissionsArgument.describe(s.permissions)
    }
}

/// An incoming offer named by its sharerequestid or its folder name.
func incomingOffer(_ key: String, _ account: Remote) async throws -> ShareInfo {
    let offers = try await account.drive.shares().filter { $0.incoming && $0.shareid == nil && $0.sharerequestid != nil }
    guard let offer = offers.first(where: { String($0.sharerequestid!) == key || $0.name == key }) else {
        throw CommanderError(.notFound, "no share offer \(key) for you", hint: "list them with pcmd shares")
    }
    return offer
}

struct SharesAccept: CloudCommand {
    static let configuration = CommandConfiguration(commandName: "accept", abstract: "Accept a folder offered to you.")

    @Argument(help: "The offer's id (from pcmd shares) or folder name.")
    var offer: String
    @Option(help: "Mount it under this name.")
    var name: String?
    @OptionGroup var cloud: CloudOptions

    func run(on account: Remote) async throws {
        let o = try await incomingOffer(offer, account)
        try await account.perform(.acceptShare(drive: account.drive, sharerequestid: o.sharerequestid!, name: name))
        Console.out("accepted \(o.name ?? offer) from \(o.mail ?? "?")")
    }
}

struct SharesDecline: CloudCommand {
    static let configuration = CommandConfiguration(commandName: "decline", abstract: "Decline a folder offered to you.")

    @Argument(help: "The offer's id (from pcmd shares) or folder name.")
    var offer: String
    @OptionGroup var cloud: CloudOptions

    func run(on account: Remote) async throws {
        let o = try await incomingOffer(offer, account)
        try await account.perform(.declineShare(drive: account.drive, sharerequestid: o.sharerequestid!))
        Console.out("declined \(o.name ?? offer) from \(o.mail ?? "?")")
    }
}

struct SharesRemove: CloudCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Stop a share, or withdraw an offer you made (by id from pcmd shares).")

    @Argument(help: "A shareid or the sharerequestid of your offer.")
    var id: Int
    @OptionGroup var cloud: CloudOptions

    func run(on account: Remote) async throws {
        let shares = try await account.drive.shares()
        if shares.contains(where: { $0.shareid == id }) {
            try await account.perform(.unshare(drive: account.drive, shareid: id, sharerequestid: nil))
        } else if shares.contains(where: { $0.sharerequestid == id && !$0.incoming }) {
            try await account.perform(.unshare(drive: account.drive, shareid: nil, sharerequestid: id))
        } else {
            throw CommanderError(.notFound, "no share \(id)", hint: "list them with pcmd shares")
        }
        Console.out("removed \(id)")
    }
}
