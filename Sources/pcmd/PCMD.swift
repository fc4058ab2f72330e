import ArgumentParser
import Commander
import Foundation
import PCloudSandbox
import TUI

@main
struct PCMD: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pcmd",
        abstract: "A two-pane terminal file manager for pCloud.",
        discussion: """
            Without a subcommand, pcmd opens the file manager: local files on the left, pCloud on \
            the right. With no account configured, the right pane is a local sandbox with demo data, \
            labelled SANDBOX; `pcmd login` connects your pCloud.

            Exit status: 0 ok, 1 error, 2 usage, 3 sign-in problem, 4 compare could not compare, \
            5 network trouble (server not reached or not trusted), 6 done with items skipped (each \
            named on stderr); a closed output (`pcmd ls | head`) ends it by SIGPIPE, as it ends ls. \
            Names and server text are escaped as `ls -b` does (\\e, \\t, \\x01, \\u202e, \\xff for \
            a byte that is not UTF-8); --json keeps them exact.
            """,
        version: Version.number,
        subcommands: [SandboxCommand.self, LoginCommand.self, LogoutCommand.self, WhoamiCommand.self,
                      List.self, Put.self, Get.self, Copy.self, Move.self, Remove.self, MakeFolder.self,
                      Link.self, Links.self, Share.self, Shares.self, Trash.self, Revisions.self, Revert.self,
                      Zip.self, Unzip.self, UploadLinkCommand.self, Find.self, Compare.self, Fetch.self,
                      VersionCommand.self, HelpMan.self, Jobs.self],
        defaultSubcommand: nil)

    @OptionGroup var cloud: CloudOptions

    @Option(help: "Theme: default, mc-classic, solarized-dark, light, mono (or a file name in ~/.config/pcmd/themes); default from config.toml.")
    var theme: String?

    @Option(help: ArgumentHelp("With --sandbox: the demo user to sign in as (alice, bob, carol).", valueName: "name"))
    var user: String?

    @Option(help: ArgumentHelp("Folder for the local pane (default: the current folder).", valueName: "dir"))
    var local: String?

    @Option(help: ArgumentHelp("Folder for the cloud pane (default: the root).", valueName: "path"))
    var cloudPath: String?

    mutating func run() async throws {
        let env = ProcessInfo.processInfo.environment
        var sandbox: Sandbox?
        let session: CloudSession
        // A stored profile (or PCMD_TOKEN) first; then a running sandbox as a demo user; else
        // the demo sandbox in this process.
        // The config folder read once: each read is a few file checks and URLs before the first frame.
        let accounts = try cloud.accounts()
        // The keymap before any connection: a key bound twice is said at once, in plain words.
        let keymap: Keymap
        do { keymap = try Keymap(overrides: accounts.config.keymap) } catch { throw CommanderError(.local, "\(error)") }
        if let configured = try await cloud.connectIfConfigured(accounts) {
            session = configured
        } else if let url = cloud.sandbox ?? env["PCMD_SANDBOX"] {
            session = try await DemoSandbox.attach(url, caFile: cloud.caFile ?? env["PCMD_CA_FILE"], user: user)
        } else {
            (session, sandbox) = try await DemoSandbox.start()
        }
        let config = accounts.config
        BandwidthLimiter.process.rate = config.transfers.rate
        let noColor = env["NO_COLOR"].map { !$0.isEmpty } ?? false
        var chosen: Theme
        do { chosen = try Theme.load(noColor ? "mono" : theme ?? config.theme ?? "default") } catch {
            throw ValidationError("\(error)")
        }
        let start = local.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? FileManager.default.currentDirectoryPath
        var unrecorded: String?
        // The demo sandbox's jobs are not kept: no profile could resume them.
        let store = session.account == nil ? nil : cloud.jobStore { unrecorded = $0 }
        let greeting = session.isSandbox
            ? AppSetup.sandboxGreeting
            : unrecorded
        var setup = AppSetup(local: LocalDrive(), localStart: start, cloud: session.drive, cloudStart: cloudPath ?? "/",
                             cloudLabel: session.isSandbox ? "SANDBOX" : session.drive.displayName,
                             isSandbox: session.isSandbox, greeting: greeting,
                             queue: JobQueue(config: .init(concurrentJobs: config.concurrency.jobs,
                                                           parallelTransfers: config.concurrency.transfers),
                                             store: store,
                                             profile: session.account?.profileName, limiter: .process),
                             theme: chosen, keymap: keymap,
                             bookmarksFile: AppSetup.defaultBookmarksFile)
        setup.trashSignIn = session.account.map { TrashSignIn(accounts: accounts, account: $0, drive: session.drive) }
        await MainActor.run {
            let terminal = Terminal(wantColors: !noColor)
            if !terminal.colors { chosen.monochrome = true }
            var s = setup
            s.theme = chosen
            let app = App(s)
            app.run(on: terminal)
            terminal.end()
        }
        await sandbox?.stop()
    }
}
