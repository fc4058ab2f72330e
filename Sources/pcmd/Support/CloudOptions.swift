import ArgumentParser
import Commander
import Foundation
import PCloudAPI

/// How a command reaches its pCloud account. Every subcommand that touches the cloud takes
/// these through `@OptionGroup`; `connect()` is the one place that turns them into a drive.
///
/// Resolution order (Commander's `Accounts` does the work):
/// 1. `PCMD_TOKEN`: scripts and CI; the host from `--sandbox`/`PCMD_SANDBOX`, `PCMD_API`, or
///    the profile (default the US host).
/// 2. The profile (`--profile`, or the config's default; "sandbox" with `--sandbox`) and its
///    stored tokens, OAuth and/or session.
struct CloudOptions: ParsableArguments {
    @Option(help: "Account profile from config.toml.")
    var profile: String?

    @Option(help: ArgumentHelp("Use a running pcmd sandbox at this API URL.", valueName: "url"))
    var sandbox: String?

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("Trust this CA certificate (a sandbox's ca.pem).", valueName: "path"))
    var caFile: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var choice: AccountChoice { AccountChoice(profile: profile, sandbox: sandbox, caFile: caFile) }

    /// The persistent job queue under the XDG state folder; nil when it cannot be opened (a
    /// read-only home), and transfers then run unrecorded rather than not at all: `note` is told
    /// so in a sentence, as nobody may count on `pcmd jobs resume` for them.
    func jobStore(note: (String) -> Void) -> JobStore? {
        do { return try JobStore.standard(environment: environment) } catch {
            note("transfers are not recorded, so pcmd jobs cannot resume them: cannot open the job store: \(CommanderError.from(error).message)")
            return nil
        }
    }

    /// The settings and tokens in the user's config folder.
    func accounts() throws -> Accounts { try Accounts.open(environment: environment) }

    /// The signed-in account these options name.
    func account() throws -> Account { try accounts().account(choice) }

    /// The account in `accounts`, or nil when none is configured: no `PCMD_TOKEN` and no stored
    /// tokens for the profile (the TUI then opens the demo sandbox).
    func connectIfConfigured(_ accounts: Accounts) async throws -> CloudSession? {
        let stored = try accounts.storedTokens(accounts.profileName(choice))
        guard accounts.environment["PCMD_TOKEN"] != nil || !stored.isEmpty else { return nil }
        return try session(accounts.account(choice))
    }

    /// The cloud drive these options name, signed with every token the account holds.
    func connect() async throws -> CloudSession { try session(account()) }

    private func session(_ account: Account) throws -> CloudSession {
        let client = try account.client()
        return CloudSession(drive: CloudDrive(client: client, displayName: account.isSandbox ? "SANDBOX" : "pCloud"),
                            isSandbox: account.isSandbox, account: account)
    }
}

/// A connected account as commands and the TUI use it.
struct CloudSession {
    let drive: CloudDrive
    /// A sandbox, not the real pCloud: said plainly wherever the account is named.
    let isSandbox: Bool
    /// The profile and tokens behind the drive; nil for a session made another way (the TUI's
    /// demo sandbox), where the server alone says what the tokens may do.
    var account: Account? = nil

    /// Whether the account can open the trash (pCloud refuses it to OAuth tokens).
    var hasSessionToken: Bool { account.map { $0.tokens.session != nil } ?? true }

    /// Throws, in plain words, why the trash is closed to an OAuth-only account and how to open
    /// it; `pcmd` exits with `ExitCode.auth`.
    func requireSessionToken() throws {
        guard !hasSessionToken else { return }
        throw CommanderError.trashNeedsPassword(profile: account?.profileName)
    }
}

extension CommanderError {
    /// The trash (and `listtokens`) answer OAuth tokens with "Log in required" on the live
    /// service (REAL-SERVICE §1): not a failed login, a missing password sign-in.
    static func trashNeedsPassword(profile: String?) -> CommanderError {
        let how = profile.map { "pcmd login --password --profile \($0)" } ?? "pcmd login --password"
        return CommanderError(.passwordSignInRequired, """
            pCloud opens the trash only to a password sign-in: it refuses it to the OAuth token this account \
            signed in with. Run `\(how)` once to add a session token (the password is not stored).
            """)
    }
}
