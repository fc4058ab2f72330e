import ArgumentParser

struct Copy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cp",
        abstract: "Copy items into a folder; either side may be pCloud (pc:/path) or local.",
        discussion: "Within pCloud the copy happens on the server.")

    @Argument(help: ArgumentHelp("Sources, then the target folder.", valueName: "source… target"))
    var paths: [String]
    @OptionGroup var options: TransferOptions

    func validate() throws {
        guard paths.count >= 2 else { throw ValidationError("give at least one source and a target folder") }
    }

    func run() async throws { try await options.run(paths, move: false) }
}
