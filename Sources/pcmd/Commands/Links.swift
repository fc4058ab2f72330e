import ArgumentParser
import Commander
import Foundation

struct Links: CloudCommand {
    static let configuration = CommandConfiguration(commandName: "links", abstract: "List your public links, or delete one.")

    @Option(help: ArgumentHelp("Delete the link with this code.", valueName: "code"))
    var delete: String?
    @Flag(help: "One JSON object per link.")
    var json = false
    @OptionGroup var cloud: CloudOptions

    func run(on account: Remote) async throws {
        let links = try await account.drive.publinks()
        if let delete {
            guard let link = links.first(where: { $0.code == delete }) else {
                throw CommanderError(.notFound, "no public link with code \(delete)", hint: "list them with pcmd links")
            }
            try await account.perform(.deletePublink(drive: account.drive, linkid: link.linkid))
            return Console.out("deleted \(link.link)")
        }
        if json { return try links.forEach { try Console.json(PublinkRecord($0)) } }
        Console.table(links.map { l in
            [l.code, "\(l.downloads ?? 0) downloads", l.expires.map { "expires " + List.time.string(from: Date(timeIntervalSince1970: TimeInterval($0))) } ?? "no expiry", l.link, l.title]
        })
    }
}
