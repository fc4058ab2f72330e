import ArgumentParser

struct Copy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cp",
        abstract: "Copy items into a folder; either side may be pCloud (pc:/path) or local.",
        discussion: "Within pCloud the copy happens on the server.")

    @OptionGroup var options: TransferOptions

    func run() async throws { try await options.run(move: false) }
}
