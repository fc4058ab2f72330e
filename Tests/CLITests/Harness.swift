import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOSSL
import PCloudSandbox
import Testing

/// End-to-end tests run the real `pcmd` binary against one in-process sandbox (HTTPS with its
/// own CA), each test in a configuration folder of its own (`XDG_CONFIG_HOME`).
enum CLI {
    static let shared = Task { try await startSandbox() }

    /// One with its `bandwidth` fault on, so a test can stop a transfer about halfway.
    static let slow = Task { try await startSandbox(faults: "bandwidth=4MiB/s") }

    static func startSandbox(faults: String? = nil) async throws -> Sandbox {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-cli-tests-\(UUID().uuidString)")
        var logger = Logger(label: "cli-tests-sandbox")
        logger.logLevel = .critical
        var config = SandboxConfig(dataDir: dir, region: .us, seedDemo: false, contentLinkLifetime: 3600, diffBlockSeconds: 1)
        if let faults { config.faults = try FaultPlan(parsing: faults) }
        return try await Sandbox.start(config, logger: logger)
    }

    /// The shared sandbox's facts: URL, CA, demo users (0 alice, 1 bob, 2 carol with two-factor).
    static func sandbox() async throws -> SandboxInfo { try await shared.value.info }

    /// `--sandbox URL --ca-file CA` for the shared sandbox.
    static func sandboxArgs() async throws -> [String] {
        let info = try await sandbox()
        return ["--sandbox", info.httpsURL!, "--ca-file", info.caPath!]
    }

    /// The `pcmd` executable built beside this test bundle (`swift build --build-tests` builds
    /// both); `PCMD_BIN` overrides.
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["PCMD_BIN"] { return URL(fileURLWithPath: path) }
        var candidates: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        candidates.append(Bundle.main.bundleURL)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        // <package>/Tests/CLITests/Harness.swift → <package>/.build/debug
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug"))
        for dir in candidates {
            let bin = dir.appendingPathComponent("pcmd")
            if FileManager.default.isExecutableFile(atPath: bin.path) { return bin }
        }
        return candidates.last!.appendingPathComponent("pcmd")
    }()
}

/// What one run of `pcmd` did.
struct Outcome: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    /// stdout parsed as one JSON object.
    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else {
            throw HarnessError("stdout is not a JSON object: \(stdout)")
        }
        return object
    }

    /// stdout as JSON lines.
    func jsonLines() throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { line in
            guard let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw HarnessError("not a JSON object line: \(line)")
            }
            return o
        }
    }

    var description: String { "status \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A user's configuration folder for one test: `XDG_CONFIG_HOME` (and `HOME`) point into a
/// fresh temporary folder, so nothing reaches the real ~/.config.
struct ConfigHome: Sendable {
    let root: URL
    /// Extra environment for every run (e.g. `PCMD_TOKEN`).
    var env: [String: String] = [:]

    init() {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-cli-home-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: root.appendingPathComponent("config"), withIntermediateDirectories: true)
    }

    var configDir: URL { root.appendingPathComponent("config/pcmd") }
    var configFile: URL { configDir.appendingPathComponent("config.toml") }
    var tokensFile: URL { configDir.appendingPathComponent("tokens.toml") }

    /// The environment a run sees: the inherited one without pcmd's own variables, plus ours.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var e = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PCMD_") }
        e["XDG_CONFIG_HOME"] = root.appendingPathComponent("config").path
        e["HOME"] = root.path
        e["NO_COLOR"] = "1"
        e.merge(env) { _, b in b }
        e.merge(extra) { _, b in b }
        return e
    }

    /// Runs `pcmd args` to completion (killed after `timeout`); `stdin` is fed and closed, and
    /// with none the binary reads an empty stdin (never a terminal).
    @discardableResult
    func run(_ args: [String], env: [String: String] = [:], stdin: String? = nil,
             timeout: Duration = .seconds(120)) async throws -> Outcome {
        let p = try Spawned(args, environment: environment(env), stdin: stdin, in: root)
        return try await p.finish(timeout: timeout)
    }

    /// `run` with the shared sandbox's `--sandbox URL --ca-file CA` appended.
    @discardableResult
    func runOnSandbox(_ args: [String], env: [String: String] = [:], stdin: String? = nil,
                      timeout: Duration = .seconds(120)) async throws -> Outcome {
        try await run(args + CLI.sandboxArgs(), env: env, stdin: stdin, timeout: timeout)
    }

    /// Starts `pcmd args` without waiting, for commands a test talks to while they run; with
    /// `openInput` stdin stays open for `Spawned.type(_:)`.
    func spawn(_ args: [String], env: [String: String] = [:], stdin: String? = nil, openInput: Bool = false) throws -> Spawned {
        try Spawned(args, environment: environment(env), stdin: stdin, in: root, openInput: openInput)
    }

    /// A home signed in to the shared sandbox as demo user `who` through environment variables
    /// (`PCMD_TOKEN`, `PCMD_SANDBOX`, `PCMD_CA_FILE`): the quickest account for command tests.
    static func signedIn(_ who: Int = 0, slow: Bool = false) async throws -> ConfigHome {
        let info = try await slow ? CLI.slow.value.info : CLI.sandbox()
        var home = ConfigHome()
        home.env = ["PCMD_TOKEN": info.users[who].token, "PCMD_SANDBOX": info.httpsURL!, "PCMD_CA_FILE": info.caPath!]
        return home
    }
}

/// A running `pcmd`. Output goes to files, so a chatty child never blocks on a full pipe and a
/// test can read what it printed so far.
final class Spawned: @unchecked Sendable {
    let process = Process()
    let stdoutFile: URL
    let stderrFile: URL
    private let exited = AsyncStream<Int32>.makeStream()
    private let input = Pipe()

    init(_ args: [String], environment: [String: String], stdin: String?, in dir: URL, openInput: Bool = false) throws {
        let id = UUID().uuidString
        stdoutFile = dir.appendingPathComponent("out-\(id)")
        stderrFile = dir.appendingPathComponent("err-\(id)")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.executableURL = CLI.binary
        process.arguments = args
        process.environment = environment
        let out = try FileHandle(forWritingTo: stdoutFile), err = try FileHandle(forWritingTo: stderrFile)
        // The child has its own copies: Foundation keeps ours open for as long as the Process
        // lives, and a few thousand runs in one test process (the fuzz) crashed Process.run.
        defer { try? out.close(); try? err.close() }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        let continuation = exited.continuation
        process.terminationHandler = { p in
            continuation.yield(p.terminationStatus)
            continuation.finish()
        }
        guard FileManager.default.isExecutableFile(atPath: CLI.binary.path) else {
            throw HarnessError("no pcmd binary at \(CLI.binary.path): run `swift build --build-tests` first")
        }
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        if !openInput { try input.fileHandleForWriting.close() }
    }

    /// Types `text` into the running command's stdin (spawned with `openInput`).
    func type(_ text: String) { input.fileHandleForWriting.write(Data(text.utf8)) }

    func closeInput() { try? input.fileHandleForWriting.close() }

    var stdout: String { (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

    /// Waits until stdout holds a line containing `needle` and returns that line.
    func waitForLine(containing needle: String, timeout: Duration = .seconds(60)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let line = stdout.split(separator: "\n").first(where: { $0.contains(needle) }) { return String(line) }
            if !process.isRunning, !stdout.contains(needle) {
                throw HarnessError("pcmd exited (\(process.terminationStatus)) before printing \(needle)\n\(stdout)\(stderr)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HarnessError("no line with \(needle) after \(timeout)\n--- stdout\n\(stdout)--- stderr\n\(stderr)")
    }

    /// Waits for the exit (terminating the process after `timeout`) and collects the output.
    func finish(timeout: Duration = .seconds(120)) async throws -> Outcome {
        let watchdog = Task { [process] in
            try await Task.sleep(for: timeout)
            if process.isRunning { process.terminate() }
        }
        defer { watchdog.cancel() }
        var status: Int32 = -1
        for await s in exited.stream { status = s }
        if watchdog.isCancelled == false, status == SIGTERM, process.terminationReason == .uncaughtSignal {
            throw HarnessError("pcmd timed out after \(timeout)\n--- stdout\n\(stdout)--- stderr\n\(stderr)")
        }
        return Outcome(status: status, stdout: stdout, stderr: stderr)
    }

    deinit { if process.isRunning { process.terminate() } }
}

/// File permission bits (`stat`'s mode & 0o777).
func permissions(_ url: URL) throws -> Int {
    let attrs = try FileManager.default.attributesOfItem(atPath: url.path)
    return (attrs[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

/// The browser's part of an OAuth sign-in, done with an HTTP client: open the authorize page,
/// approve as a demo user (the form posts back to the page's own address with `email`), and
/// follow the redirect to pcmd's listener.
enum Browser {
    /// A client that trusts the sandbox's CA and, like a test wants, follows no redirect itself.
    static let client = Task { () throws -> HTTPClient in
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .file(try await CLI.sandbox().caPath!)
        var config = HTTPClient.Configuration(tlsConfiguration: tls)
        config.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }

    /// Approves `authorizeURL` as `email`; returns the page pcmd's listener answered with.
    @discardableResult
    static func approve(_ authorizeURL: String, as email: String) async throws -> (status: UInt, body: String) {
        try await fetch(approveWithoutFollowing(authorizeURL, as: email))
    }

    /// Approves `authorizeURL` as `email`; returns where the browser is sent (the redirect).
    static func approveWithoutFollowing(_ authorizeURL: String, as email: String) async throws -> String {
        let page = try await fetch(authorizeURL)
        guard page.body.contains(email) else { throw HarnessError("the authorize page offers no \(email): \(page.body)") }
        var post = HTTPClientRequest(url: authorizeURL)
        post.method = .POST
        post.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        post.body = .bytes(ByteBuffer(string: "email=" + email.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!))
        let response = try await client.value.execute(post, timeout: .seconds(30))
        guard response.status == .found, let location = response.headers.first(name: "Location") else {
            throw HarnessError("the authorize form answered \(response.status), no redirect")
        }
        return location
    }

    static func fetch(_ url: String) async throws -> (status: UInt, body: String) {
        let response = try await client.value.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (response.status.code, String(buffer: body))
    }
}

extension ConfigHome {
    /// Starts `pcmd login --no-browser` on the shared sandbox and returns it with the authorize
    /// address it printed, for a test to play the browser.
    func startOAuthLogin(_ extra: [String] = [], openInput: Bool = false) async throws -> (login: Spawned, url: String) {
        let args = try await CLI.sandboxArgs()
        let login = try spawn(["login", "--no-browser"] + extra + args, openInput: openInput)
        let url = try await login.waitForLine(containing: "/oauth2/authorize?").trimmingCharacters(in: .whitespaces)
        return (login, url)
    }

    /// `pcmd login` through OAuth on the shared sandbox as demo user `who`, the way a person does
    /// it: pcmd prints the address, the "browser" approves, pcmd's listener receives the code.
    @discardableResult
    func oauthLogin(_ who: Int = 0, profile: String? = nil) async throws -> Outcome {
        let info = try await CLI.sandbox()
        let (login, url) = try await startOAuthLogin(profile.map { ["--profile", $0] } ?? [])
        try await Browser.approve(url, as: info.users[who].email)
        return try await login.finish(timeout: .seconds(60))
    }

    /// `pcmd login --password` on the shared sandbox as demo user `who` (carol's code from the sandbox).
    @discardableResult
    func passwordLogin(_ who: Int = 0, profile: String? = nil) async throws -> Outcome {
        let user = try await CLI.sandbox().users[who]
        let code = user.tfaCode.map { ["--code", $0] } ?? []
        return try await runOnSandbox(["login", "--password", "--email", user.email] + code
                                      + (profile.map { ["--profile", $0] } ?? []), stdin: user.password + "\n")
    }
}
