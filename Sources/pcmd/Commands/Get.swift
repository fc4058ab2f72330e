import ArgumentParser

struct Get: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Download pCloud files and folders into a local folder.",
        discussion: "Example: pcmd get pc:/Documents/report.pdf .")

    @OptionGroup var options: TransferOptions

    func validate() throws {
        guard options.paths.count >= 2 else { return }  // TransferOptions says what is missing
        guard !options.target.isRemote else { throw ValidationError("the target must be a local folder") }
        guard options.sources.allSatisfy(\.isRemote) else {
            throw ValidationError("get fetches pCloud items: write them as pc:/path")
        }
    }

    func run() async throws { try await options.run(move: false) }
}
