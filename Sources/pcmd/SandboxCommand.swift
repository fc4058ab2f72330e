import ArgumentParser
import Foundation
import Logging
import PCloudSandbox

struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a local pCloud-compatible server (HTTP and HTTPS, SQLite + blob store).")

    @Option(help: "Data folder (default: $XDG_DATA_HOME/pcmd/sandbox).")
    var data: String?

    @Option(help: "HTTP listener HOST:PORT (port 0 = ephemeral; 'off' to disable).")
    var http: String = "127.0.0.1:8780"

    @Option(help: "HTTPS listener HOST:PORT (port 0 = ephemeral; 'off' to disable).")
    var https: String = "127.0.0.1:8781"

    @Option(help: "Checksums as in pCloud's data centre: us (md5+sha1) or eu (sha256+sha1).")
    var region: String = "us"

    @Option(help: "Seed data: 'demo' fills alice's account with a demo tree.")
    var seed: String?

    @Option(help: "Write the listening URLs, CA path and demo users as JSON to this file once ready.")
    var readyFile: String?

    @Option(help: "Seconds a content link from getfilelink stays valid.")
    var linkLifetime: Int64 = 4 * 3600

    @Option(help: "Upper bound in seconds for diff with block=1.")
    var diffBlock: Double = 60

    @Option(help: "Entries above which a recursive listfolder answers 5000, as pCloud does.")
    var listLimit: Int = 1_000_000

    @Option(help: "Depth above which a recursive listfolder answers 5000.")
    var listDepth: Int = 40

    @Option(help: ArgumentHelp("Faults to inject, e.g. 'error=5000:0.05,ratelimit=0.02,drop-after=3MiB:0.1,latency=50ms,bandwidth=20MiB/s,seed=7'.",
                               discussion: "'lose-answer=uploadfile:2' runs the next two uploadfile calls but answers them with a 502 page. "
                                   + "Also settable while running: GET /_sandbox/faults?set=SPEC (loopback only)."))
    var faults: String = ""

    @Option(help: "Append a JSON line per request (parameter names and where they came from; never values) to this file.")
    var requestLog: String?

    /// Checked before `run`, so a bad option is shown with this command's usage: thrown from
    /// `run`, it came with the top-level one.
    func validate() throws { _ = try sandboxConfig() }

    /// The sandbox's config from the options; a bad option is a ValidationError.
    func sandboxConfig() throws -> SandboxConfig {
        guard let region = Region(rawValue: region) else { throw ValidationError("--region must be us or eu") }
        if let seed, seed != "demo" { throw ValidationError("--seed takes 'demo'") }
        func endpoint(_ text: String, _ flag: String) throws -> SandboxConfig.Endpoint? {
            if text == "off" { return nil }
            guard let e = SandboxConfig.Endpoint(parsing: text) else { throw ValidationError("\(flag) wants HOST:PORT") }
            return e
        }
        let dataDir = data.map { URL(fileURLWithPath: $0) } ?? SandboxConfig.defaultDataDir
        var config = SandboxConfig(dataDir: dataDir, http: try endpoint(http, "--http"), https: try endpoint(https, "--https"),
                                   region: region, seedDemo: seed == "demo", contentLinkLifetime: linkLifetime,
                                   diffBlockSeconds: diffBlock)
        config.recursiveListLimit = listLimit
        config.recursiveListDepth = listDepth
        do { config.faults = try FaultPlan(parsing: faults) } catch { throw ValidationError("\(error)") }
        config.requestLog = requestLog.map { URL(fileURLWithPath: $0) }
        return config
    }

    mutating func run() async throws {
        let config = try sandboxConfig()
        var logger = Logger(label: "pcmd.sandbox")
        logger.logLevel = .warning
        let sandbox = try await Sandbox.start(config, logger: logger, stopOnSignals: true)
        Console.lines(Self.banner(sandbox.info))
        fflush(nil)
        if let readyFile {
            let tmp = readyFile + ".tmp"
            try Data(sandbox.info.json.encoded().readableBytesView).write(to: URL(fileURLWithPath: tmp))
            _ = rename(tmp, readyFile)
        }
        try await sandbox.wait()
    }

    static func banner(_ info: SandboxInfo) -> String {
        var lines = ["pcmd SANDBOX — a local pCloud-compatible server with demo data (not your real pCloud)", ""]
        if let u = info.httpURL { lines.append("  API (HTTP)   \(u)") }
        if let u = info.httpsURL { lines.append("  API (HTTPS)  \(u)") }
        if let ca = info.caPath { lines.append("  CA cert      \(ca)") }
        lines.append("  data         \(info.dataDir)   region \(info.region.rawValue)")
        lines.append("")
        lines.append("  demo users (password / OAuth token):")
        for u in info.users {
            lines.append("    \(u.email)  \(u.password)  \(u.token)" + (u.tfaCode.map { "  (two-factor code \($0))" } ?? ""))
        }
        lines.append("")
        lines.append("  OAuth client: id \(info.oauthClientID)  secret \(info.oauthClientSecret)  (authorize at /oauth2/authorize)")
        if !info.faults.isEmpty { lines.append("  injecting faults: \(info.faults)") }
        if let https = info.httpsURL, let ca = info.caPath, let user = info.users.first {
            let host = https.replacingOccurrences(of: "https://", with: "")
            lines += ["", "  try it:",
                      "    curl -s --cacert \(ca) -H 'Authorization: Bearer \(user.token)' '\(https)/listfolder?folderid=0'",
                      "    rclone --ca-cert \(ca) lsd ':pcloud,hostname=\"\(host)\",token=\"{\\\"access_token\\\":\\\"\(user.token)\\\",\\\"token_type\\\":\\\"bearer\\\",\\\"expiry\\\":\\\"0001-01-01T00:00:00Z\\\"}\"':"]
        }
        lines.append("")
        lines.append("  Ctrl-C stops the sandbox.")
        return lines.joined(separator: "\n")
    }
}
