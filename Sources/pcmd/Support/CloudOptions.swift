import ArgumentParser
import Commander
import Foundation
import PCloudAPI

/// How a command reaches its pCloud account. Every subcommand that touches the cloud takes
/// these through `@OptionGroup`; `connect()` is the one place that turns them into a drive.
///
/// Resolution order (issue 11 extends the last step with profiles and stored tokens):
/// 1. `--sandbox URL` (or `PCMD_SANDBOX`): a running sandbox, signed in with `PCMD_TOKEN`.
/// 2. `PCMD_TOKEN` (+ `PCMD_API`, default the US host): scripts and CI.
/// 3. The profile (`--profile`, or the config's default).
struct CloudOptions: ParsableArguments {
    @Option(help: "Account profile from config.toml.")
    var profile: String?

    @Option(help: ArgumentHelp("Use a running pcmd sandbox at this API URL.", valueName: "url"))
    var sandbox: String?

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("Trust this CA certificate (a sandbox's ca.pem).", valueName: "path"))
    var caFile: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The account, or nil when none is configured (the TUI then opens the demo sandbox).
    func connectIfConfigured() async throws -> CloudSession? {
        let env = environment
        guard sandbox != nil || env["PCMD_SANDBOX"] != nil || env["PCMD_TOKEN"] != nil else { return nil }
        return try await connect()
    }

    /// The cloud drive these options name.
    func connect() async throws -> CloudSession {
        let env = environment
        let token = env["PCMD_TOKEN"]
        let base = sandbox ?? env["PCMD_SANDBOX"] ?? env["PCMD_API"]
        guard let token, !token.isEmpty else {
            throw CommanderError(.cloud, "no account: set PCMD_TOKEN (a profile login comes with `pcmd login`)", category: .auth)
        }
        let endpoint: Endpoint = base.flatMap { URL(string: $0) }.map { .custom($0) } ?? .us
        let client = try PCloudClient(endpoint: endpoint, credentials: Credentials(oauthToken: token),
                                      config: TransportConfig(caFile: caFile ?? env["PCMD_CA_FILE"]))
        let isSandbox = sandbox != nil || env["PCMD_SANDBOX"] != nil
        return CloudSession(drive: CloudDrive(client: client, displayName: isSandbox ? "SANDBOX" : "pCloud"),
                            isSandbox: isSandbox)
    }
}

/// A connected account as commands and the TUI use it.
struct CloudSession {
    let drive: CloudDrive
    /// A sandbox, not the real pCloud: said plainly wherever the account is named.
    let isSandbox: Bool
}
