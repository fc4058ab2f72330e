import Foundation
import Logging
import PCloudSandbox
import Testing

/// Network trouble in one plain sentence that names the host and what to do, with exit 5.
@Suite struct NetworkErrorTests {
    @Test func aClosedPortSaysSoAndAsksWhetherTheSandboxRuns() async throws {
        var home = ConfigHome()
        home.env = ["PCMD_TOKEN": "token", "PCMD_SANDBOX": "https://127.0.0.1:1"]
        let out = try await home.run(["ls", "pc:/"])
        #expect(out.status == 5, "\(out)")
        #expect(out.stderr == "pcmd: cannot reach 127.0.0.1:1: connection refused — is the sandbox running?\n", "\(out)")
    }

    @Test func aSandboxWithoutItsCATellsToPassCAFile() async throws {
        let info = try await CLI.sandbox()
        var home = ConfigHome()
        home.env = ["PCMD_TOKEN": info.users[0].token, "PCMD_SANDBOX": info.httpsURL!]
        let out = try await home.run(["ls", "pc:/"])
        let host = info.httpsURL!.dropFirst("https://".count)
        #expect(out.status == 5, "\(out)")
        #expect(out.stderr.hasPrefix("pcmd: the certificate of \(host) is not trusted — for a sandbox pass --ca-file"), "\(out)")
        #expect(out.stderr.split(separator: "\n").count == 1, "one line, no error dump: \(out)")
        #expect(!out.stderr.contains("BoringSSL") && !out.stderr.contains(".build"), "\(out)")
    }

    /// The sandbox's certificate names 127.0.0.1, localhost and ::1; one listening on 127.0.0.2
    /// (loopback too on Linux) is trusted through its CA but made out to another name.
    @Test func aCertificateForAnotherNameIsRefusedInPlainWords() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-cli-tls-name-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var logger = Logger(label: "cli-tests-tls-name")
        logger.logLevel = .critical
        let sandbox = try await Sandbox.start(SandboxConfig(dataDir: dir, http: nil,
                                                            https: .init(host: "127.0.0.2", port: 0)), logger: logger)
        defer { Task { await sandbox.stop() } }
        var home = ConfigHome()
        home.env = ["PCMD_TOKEN": sandbox.info.users[0].token, "PCMD_SANDBOX": sandbox.info.httpsURL!,
                    "PCMD_CA_FILE": sandbox.info.caPath!]
        let out = try await home.run(["ls", "pc:/"])
        let host = sandbox.info.httpsURL!.dropFirst("https://".count)
        #expect(out.status == 5, "\(out)")
        #expect(out.stderr.hasPrefix("pcmd: the certificate of \(host) is made out to another name — use a name the certificate carries"), "\(out)")
        #expect(out.stderr.split(separator: "\n").count == 1, "one line, no error dump: \(out)")
    }

    @Test func aCAFileThatIsNotPEMIsNamedNotTakenForNetworkTrouble() async throws {
        var home = ConfigHome()
        let ca = home.root.appendingPathComponent("ca.pem")
        try Data("not a certificate\n".utf8).write(to: ca)
        home.env = ["PCMD_TOKEN": "token", "PCMD_SANDBOX": "https://127.0.0.1:1", "PCMD_CA_FILE": ca.path]
        let out = try await home.run(["ls", "pc:/"])
        #expect(out.status == 1, "\(out)")
        #expect(out.stderr == "pcmd: cannot use the CA file \(ca.path): it holds no PEM certificate\n", "\(out)")
    }
}
