import ArgumentParser

struct Get: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Download pCloud files and folders into a local folder.",
        discussion: "Example: pcmd get pc:/Documents/report.pdf .")

    @Argument(help: ArgumentHelp("pCloud paths (pc:/path), then the local folder.", valueName: "remote… local"))
    var paths: [String]
    @OptionGroup var options: TransferOptions

    func validate() throws {
        guard paths.count >= 2 else { throw ValidationError("give at least one pc: path and a local folder") }
        guard !Location(paths.last!).isRemote else { throw ValidationError("the target must be a local folder") }
        guard paths.dropLast().allSatisfy({ Location($0).isRemote }) else {
            throw ValidationError("get fetches pCloud items: write them as pc:/path")
        }
    }

    func run() async throws { try await options.run(paths, move: false) }
}
