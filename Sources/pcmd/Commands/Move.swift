import ArgumentParser

struct Move: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mv",
        abstract: "Move items into a folder; either side may be pCloud (pc:/path) or local.",
        discussion: "Between the two sides the copy is verified before the source is removed.")

    @OptionGroup var options: TransferOptions

    func run() async throws { try await options.run(move: true) }
}
