import ArgumentParser

struct Put: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "put",
        abstract: "Upload files and folders into a pCloud folder.",
        discussion: "Example: pcmd put report.pdf photos/ pc:/Documents")

    @OptionGroup var options: TransferOptions

    func validate() throws {
        guard options.paths.count >= 2 else { return }  // TransferOptions says what is missing
        guard options.target.isRemote else { throw ValidationError("the target must be a pCloud folder, like pc:/Documents") }
        guard !options.sources.contains(where: \.isRemote) else {
            throw ValidationError("put sends local files; to copy within pCloud use pcmd cp")
        }
    }

    func run() async throws { try await options.run(move: false) }
}
