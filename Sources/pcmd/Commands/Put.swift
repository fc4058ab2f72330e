import ArgumentParser

struct Put: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Upload files and folders into a pCloud folder.",
        discussion: "Example: pcmd put report.pdf photos/ pc:/Documents")

    @Argument(help: ArgumentHelp("Local files or folders, then the pCloud folder (pc:/path).", valueName: "local… remote"))
    var paths: [String]
    @OptionGroup var options: TransferOptions

    func validate() throws {
        guard paths.count >= 2 else { throw ValidationError("give at least one local path and a pc: folder") }
        guard Location(paths.last!).isRemote else { throw ValidationError("the target must be a pCloud folder, like pc:/Documents") }
        guard !paths.dropLast().contains(where: { Location($0).isRemote }) else {
            throw ValidationError("put sends local files; to copy within pCloud use pcmd cp")
        }
    }

    func run() async throws { try await options.run(paths, move: false) }
}
