import ArgumentParser

struct Move: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mv",
        abstract: "Move items into a folder; either side may be pCloud (pc:/path) or local.",
        discussion: "Between the two sides the copy is verified before the source is removed.")

    @Argument(help: ArgumentHelp("Sources, then the target folder.", valueName: "source… target"))
    var paths: [String]
    @OptionGroup var options: TransferOptions

    func validate() throws {
        guard paths.count >= 2 else { throw ValidationError("give at least one source and a target folder") }
    }

    func run() async throws { try await options.run(paths, move: true) }
}
