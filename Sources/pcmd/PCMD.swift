import ArgumentParser

@main
struct PCMD: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pcmd",
        abstract: "A two-pane terminal file manager for pCloud.",
        discussion: """
            With no account configured, pcmd runs against a local pCloud sandbox with demo data.
            The file manager itself is under construction; for now `pcmd` starts the sandbox.
            """,
        subcommands: [SandboxCommand.self, LoginCommand.self, LogoutCommand.self, WhoamiCommand.self,
                      List.self, Put.self, Get.self, Copy.self, Move.self, Remove.self, MakeFolder.self,
                      Link.self, Links.self, Share.self, Shares.self, Trash.self, Revisions.self, Revert.self,
                      Zip.self, Unzip.self, UploadLinkCommand.self, HelpMan.self],
        defaultSubcommand: nil)

    mutating func run() async throws {
        // Until the TUI lands, pcmd's main job is the demo sandbox, clearly labelled.
        var sandbox = try SandboxCommand.parse(["--seed", "demo"])
        try await sandbox.run()
    }
}
