import ArgumentParser
import Commander
import Foundation

/// pCloud's remote upload: the server downloads the URLs itself, nothing passes through here.
struct Fetch: CloudCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Have pCloud download files from the web into a pCloud folder (remote upload).",
        discussion: """
            Only http and https URLs. The files are named after the URL unless --name is given \
            (once per URL, in order; an empty one keeps the URL's name). \
            Example: pcmd fetch https://example.com/a.iso https://example.com/b.zip pc:/Downloads --name a.iso
            """)

    @Argument(help: ArgumentHelp("http(s) URLs, then the pCloud folder (pc:/path).", valueName: "URL… folder"))
    var arguments: [String]
    @Option(name: .customLong("name"), help: ArgumentHelp("The name for the n-th URL's file (repeat in order).",
                                                          valueName: "name"))
    var names: [String] = []
    @OptionGroup var conflicts: ConflictOptions
    @Flag(help: "Print each created file as a JSON object.")
    var json = false
    @OptionGroup var cloud: CloudOptions

    var urls: [String] { Array(arguments.dropLast()) }
    var folder: RemotePath { RemotePath(argument: arguments.last!)! }

    /// Every URL is checked before any request: a typo fails here, with exit status 2.
    func validate() throws {
        guard arguments.count >= 2 else { throw ValidationError("give one or more URLs, then the pCloud folder, like pc:/Downloads") }
        guard !FetchURL.isFetchable(arguments.last!) else {
            throw ValidationError("the last argument is the pCloud folder the files go to, like pc:/Downloads")
        }
        if let bad = urls.first(where: { !FetchURL.isFetchable($0) }) {
            throw ValidationError("\(bad) is not an http or https URL; pCloud fetches only those")
        }
        guard names.count <= urls.count else {
            throw ValidationError("\(names.count) --name options for \(urls.count) URL(s)")
        }
    }

    func run(on account: Remote) async throws {
        let into = Item(account.drive, try await account.folder(folder))
        let (resolver, refused) = conflicts.resolver()
        let done = try await account.perform(.fetch(urls, into: into, names: names.map { $0.isEmpty ? nil : $0 }),
                                             resolver: resolver)
        if case .entries(let made)? = done.first?.result {
            for e in made {
                let path = folder.appending(e.name)
                if json { try Console.json(EntryRecord(e, path: path.path)) } else { Console.out("\(path) (\(Units.bytes(e.size)))") }
            }
        }
        try await refused?.check(in: folder)
    }
}
