import ArgumentParser
import Commander

struct Unzip: CloudCommand {
    static let configuration = CommandConfiguration(
        commandName: "unzip",
        abstract: "Extract a zip archive on pCloud into a pCloud folder (on the server).")

    @Argument(help: ArgumentHelp("The archive (pc:/path).", valueName: "remote.zip"))
    var archive: RemotePath
    @Option(help: ArgumentHelp("The folder to extract into.", valueName: "dir"))
    var to: RemotePath
    @Option(help: "The archive's password, if it has one.")
    var password: String?
    @Flag(help: "Print the result as JSON.")
    var json = false
    @OptionGroup var cloud: CloudOptions

    func run(on account: Remote) async throws {
        let zip = try await account.entry(archive)
        let folder = try await account.folder(to)
        try await account.perform(.extract(Item(account.drive, zip), into: Item(account.drive, folder), password: password))
        try Console.done(json, "extracted \(archive) into \(to)", action: "unzip", path: archive.path, ["into": to.path])
    }
}
