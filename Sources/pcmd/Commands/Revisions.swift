import ArgumentParser
import Commander
import Foundation

struct Revisions: CloudCommand {
    static let configuration = CommandConfiguration(
        commandName: "revisions",
        abstract: "List a file's stored revisions (restore one with pcmd revert).")

    @Argument(help: ArgumentHelp("The pCloud file (pc:/path).", valueName: "path"))
    var path: RemotePath
    @Flag(help: "One JSON object per revision.")
    var json = false
    @OptionGroup var cloud: CloudOptions

    func run(on account: Remote) async throws {
        let file = try await account.entry(path)
        let revisions = try await account.drive.revisions(of: file.ref)
        if json { return try revisions.forEach { try Console.json(RevisionRecord($0)) } }
        Console.table(revisions.map { [String($0.revisionid), Units.bytes($0.size), List.time.string(from: $0.created)] })
    }
}

struct RevisionRecord: Encodable {
    var revisionid: Int
    var size: Int64
    var created: Date
    init(_ r: RevisionInfo) { revisionid = r.revisionid; size = r.size; created = r.created }
}
