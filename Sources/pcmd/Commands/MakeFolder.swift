import ArgumentParser
import Commander

struct MakeFolder: CloudCommand {
    static let configuration = CommandConfiguration(commandName: "mkdir", abstract: "Create pCloud folders.")

    @Flag(name: .short, help: "Create missing parents; an existing folder is fine.")
    var parents = false
    @Argument(help: ArgumentHelp("pCloud paths (pc:/path).", valueName: "path"))
    var paths: [RemotePath]
    @Flag(help: "Print the result as JSON.")
    var json = false
    @OptionGroup var cloud: CloudOptions

    func run(on account: Remote) async throws {
        for p in paths where !p.isRoot {
            if parents {
                var at = RemotePath(absolute: "/")
                for part in p.path.split(separator: "/").map(String.init) {
                    _ = try await account.drive.ensureFolder(part, in: .path(at.path))
                    at = at.appending(part)
                }
            } else {
                let parent = try await account.folder(p.parent)
                try await account.perform(.mkdir(p.name, in: Item(account.drive, parent)))
            }
            try Console.done(json, "created \(p)", action: "mkdir", path: p.path)
        }
    }
}
