import Commander
import Foundation
import Logging
import PCloudAPI
import PCloudSandbox
import Testing
@testable import TUI

/// One in-process sandbox with demo data for the TUI tests (canvas and tmux alike).
enum Env {
    static let shared = Task { try await start() }

    static func start() async throws -> Sandbox {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-tui-tests-\(UUID().uuidString)")
        var logger = Logger(label: "tui-tests-sandbox")
        logger.logLevel = .critical
        let config = SandboxConfig(dataDir: dir, http: .init(host: "127.0.0.1", port: 0), https: .init(host: "127.0.0.1", port: 0),
                                   region: .us, seedDemo: true, contentLinkLifetime: 3600, diffBlockSeconds: 1)
        return try await Sandbox.start(config, logger: logger)
    }

    /// Demo user `who` (0 alice, 1 bob) signed in with the password, so the trash works too.
    static func cloud(_ who: Int = 0) async throws -> CloudDrive {
        let info = try await shared.value.info
        let client = try PCloudClient(endpoint: .custom(URL(string: info.httpsURL!)!), config: TransportConfig(caFile: info.caPath))
        let drive = CloudDrive(client: client)
        try await drive.signInForTrash(email: info.users[who].email, password: info.users[who].password)
        return drive
    }

    static func scratch(_ files: [String: String] = [:]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-tui-local-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return dir
    }

    static let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../themes").standardized
}

extension CloudDrive {
    /// A fresh folder in the root for one test, with files of the given text.
    func testFolder(_ prefix: String, files: [String: String] = [:]) async throws -> Entry {
        let folder = try await mkdir("\(prefix)-\(UUID().uuidString.prefix(6))", in: .cloudRoot)
        if !files.isEmpty {
            let src = try Env.scratch(files)
            let local = LocalDrive()
            let q = JobQueue()
            try await q.perform(.copy(files.keys.sorted().map { Item(local, .path(src.appendingPathComponent($0).path)) },
                                      into: Item(self, folder.ref)))
        }
        return folder
    }
}

/// An App on the shared sandbox, drawn into canvases instead of a terminal.
@MainActor
struct Harness {
    let app: App
    let local: URL
    let cloud: CloudDrive

    init(local files: [String: String] = [:], cloudStart: String = "/", theme: String = "default",
         bookmarks: URL? = nil) async throws {
        local = try Env.scratch(files)
        cloud = try await Env.cloud()
        let setup = AppSetup(local: LocalDrive(trash: local.appendingPathComponent(".trash-test")), localStart: local.path, cloud: cloud,
                             cloudStart: cloudStart, cloudLabel: "SANDBOX", isSandbox: true, queue: JobQueue(),
                             theme: try Theme.load(theme, searchPath: [Env.themes]), keymap: try Keymap(),
                             bookmarksFile: bookmarks)
        app = App(setup)
        app.start()
    }

    /// Drains the app's inbox until `done` holds (or 10 s pass); false on timeout.
    @discardableResult
    func settle(_ done: @MainActor () -> Bool) async -> Bool {
        for _ in 0..<1000 {
            _ = app.drainInbox()
            if done() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    func screen(_ w: Int = 100, _ h: Int = 30) -> String { app.render(width: w, height: h).text }

    func keys(_ ks: Key...) { for k in ks { app.handle(k) } }
    func type(_ s: String) { for ch in s { app.handle(.char(ch)) } }
}
