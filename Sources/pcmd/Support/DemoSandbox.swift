import Commander
import Foundation
import Logging
import PCloudAPI
import PCloudSandbox

/// With no account configured, pcmd runs against a sandbox started in this process with demo
/// data (alice's account), on an ephemeral loopback port, over HTTPS trusting its own CA.
enum DemoSandbox {
    static func start() async throws -> (CloudSession, Sandbox) {
        var logger = Logger(label: "pcmd.sandbox")
        logger.logLevel = .critical   // the screen belongs to the TUI
        let config = SandboxConfig(dataDir: SandboxConfig.defaultDataDir,
                                   http: nil, https: .init(host: "127.0.0.1", port: 0),
                                   region: .us, seedDemo: true, contentLinkLifetime: 4 * 3600, diffBlockSeconds: 60)
        let sandbox = try await Sandbox.start(config, logger: logger)
        let info = sandbox.info
        guard let url = info.httpsURL.flatMap(URL.init(string:)), let alice = info.users.first else {
            throw CommanderError(.cloud, "the demo sandbox did not start")
        }
        let client = try PCloudClient(endpoint: .custom(url), credentials: Credentials(oauthToken: alice.token),
                                      config: TransportConfig(caFile: info.caPath))
        let drive = CloudDrive(client: client, displayName: "SANDBOX")
        // The trash wants a session token (as on the real service); the demo password is public.
        try? await drive.signInForTrash(email: alice.email, password: alice.password)
        return (CloudSession(drive: drive, isSandbox: true), sandbox)
    }
}

extension DemoSandbox {
    /// `pcmd --sandbox URL` without a token: signs in to that running sandbox as a demo user
    /// (alice unless `user` names another) with the password every sandbox prints.
    static func attach(_ url: String, caFile: String?, user: String?) async throws -> CloudSession {
        let wanted = (user ?? "alice").lowercased()
        guard let account = Sandbox.demoAccounts.first(where: { $0.email == wanted || $0.email.hasPrefix(wanted + "@") }),
              let base = URL(string: url) else {
            throw CommanderError(.cloud, "no demo user \(wanted) (the sandbox has \(Sandbox.demoAccounts.map(\.email).joined(separator: ", ")))")
        }
        let client = try PCloudClient(endpoint: .custom(base), config: TransportConfig(caFile: caFile))
        let drive = CloudDrive(client: client, displayName: "SANDBOX")
        try await drive.signInForTrash(email: account.email, password: account.password)
        return CloudSession(drive: drive, isSandbox: true)
    }
}
