import ArgumentParser
import Commander

struct Share: CloudCommand {
    static let configuration = CommandConfiguration(
        commandName: "share",
        abstract: "Offer a pCloud folder to someone by email.",
        discussion: "Example: pcmd share pc:/Team bob@example.com --perm create,modify")

    @Argument(help: ArgumentHelp("The pCloud folder (pc:/path).", valueName: "dir"))
    var folder: RemotePath
    @Argument(help: "The recipient's email.")
    var email: String
    @Option(help: ArgumentHelp("What the recipient may do beside reading: create, modify, delete (comma-separated).",
                               valueName: "perms"))
    var perm: SharePermissionsArgument?
    @Flag(help: "Read only (the default).")
    var readOnly = false
    @Option(help: "A note for the recipient.")
    var message: String?
    @Flag(help: "Print the result as JSON.")
    var json = false
    @OptionGroup var cloud: CloudOptions

    func validate() throws {
        if perm != nil && readOnly { throw ValidationError("choose --perm or --read-only, not both") }
    }

    func run(on account: Remote) async throws {
        let dir = try await account.folder(folder)
        let permissions = perm?.permissions ?? .readOnly
        try await account.perform(.share(Item(account.drive, dir), mail: email, permissions: permissions, message: message))
        try Console.done(json, "offered \(folder) to \(email) (\(SharePermissionsArgument.describe(permissions)))", action: "share",
                         path: folder.path, ["mail": email, "permissions": SharePermissionsArgument.describe(permissions)])
    }
}

/// `create,modify,delete` (any subset) as share permissions.
struct SharePermissionsArgument: ExpressibleByArgument {
    var permissions: SharePermissions

    static let names: [(String, SharePermissions)] = [("create", .create), ("modify", .modify), ("delete", .delete)]

    init?(argument: String) {
        var p: SharePermissions = []
        for word in argument.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            guard let bit = Self.names.first(where: { $0.0 == word })?.1 else { return nil }
            p.insert(bit)
        }
        permissions = p
    }

    static var allValueStrings: [String] { names.map(\.0) }

    /// `read, create, modify`.
    static func describe(_ p: SharePermissions) -> String {
        (["read"] + names.filter { p.contains($0.1) }.map(\.0)).joined(separator: ", ")
    }
}
