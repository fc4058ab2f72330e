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

    /// `seedDemo: false` gives empty accounts (a test's own sandbox, where every list is
    /// known); `requestLog` records each request's method and parameter names; `faults` as
    /// `pcmd sandbox --faults` takes them.
    static func start(seedDemo: Bool = true, requestLog: URL? = nil, faults: String = "") async throws -> Sandbox {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-tui-tests-\(UUID().uuidString)")
        var logger = Logger(label: "tui-tests-sandbox")
        logger.logLevel = .critical
        var config = SandboxConfig(dataDir: dir, http: .init(host: "127.0.0.1", port: 0), https: .init(host: "127.0.0.1", port: 0),
                                   region: .us, seedDemo: seedDemo, contentLinkLifetime: 3600, diffBlockSeconds: 1)
        config.requestLog = requestLog
        config.faults = try FaultPlan(parsing: faults)
        return try await Sandbox.start(config, logger: logger)
    }

    /// Demo user `who` (0 alice, 1 bob) signed in with the password, so the trash works too.
    static func cloud(_ who: Int = 0, on sandbox: Sandbox? = nil) async throws -> CloudDrive {
        let box: Sandbox
        if let sandbox { box = sandbox } else { box = try await shared.value }
        let info = box.info
        let client = try PCloudClient(endpoint: .custom(URL(string: info.httpsURL!)!), config: TransportConfig(caFile: info.caPath))
        let drive = CloudDrive(client: client)
        try await drive.signInForTrash(email: info.users[who].email, password: info.users[who].password)
        return drive
    }

    static func scratch(_ files: [String: String] = [:]) throws -> URL {
        // Always /tmp, not $TMPDIR: the local pane's path is in snapshots and must keep its width.
        let dir = URL(fileURLWithPath: "/tmp").appendingPathComponent("pcmd-tui-local-\(UUID().uuidString.prefix(8))")
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
    /// A fresh folder in the root for one test, with files of the given text; `unique: false`
    /// keeps the name as given (on a sandbox of the test's own).
    func testFolder(_ prefix: String, files: [String: String] = [:], unique: Bool = true) async throws -> Entry {
        let folder = try await mkdir(unique ? "\(prefix)-\(UUID().uuidString.prefix(6))" : prefix, in: .cloudRoot)
        try await upload(files, into: folder)
        return folder
    }

    /// Files of the given text copied into `folder` (an existing one is replaced, a revision kept).
    func upload(_ files: [String: String], into folder: Entry) async throws {
        if !files.isEmpty {
            let src = try Env.scratch(files)
            let local = LocalDrive()
            let q = JobQueue()
            try await q.perform(.copy(files.keys.sorted().map { Item(local, .path(src.appendingPathComponent($0).path)) },
                                      into: Item(self, folder.ref)), resolver: FixedResolver(.overwrite))
        }
    }
}

/// An App on the shared sandbox, drawn into canvases instead of a terminal.
@MainActor
struct Harness {
    let app: App
    let local: URL
    let cloud: CloudDrive
    /// A sandbox of the test's own (nil: the shared one).
    let sandbox: Sandbox?

    init(local files: [String: String] = [:], cloudStart: String = "/", theme: String = "default",
         bookmarks: URL? = nil, sandbox: Sandbox? = nil, keymap: KeymapConfig = [:], queue: JobQueue = JobQueue(),
         greeting: String? = nil) async throws {
        local = try Env.scratch(files)
        cloud = try await Env.cloud(on: sandbox)
        self.sandbox = sandbox
        let setup = AppSetup(local: LocalDrive(trash: local.appendingPathComponent(".trash-test")), localStart: local.path, cloud: cloud,
                             cloudStart: cloudStart, cloudLabel: "SANDBOX", isSandbox: true, greeting: greeting, queue: queue,
                             theme: try Theme.load(theme, searchPath: [Env.themes]), keymap: try Keymap(overrides: keymap),
                             bookmarksFile: bookmarks)
        app = App(setup)
        app.start()
    }

    /// Drains the app's inbox until `done` holds (or 10 s pass); false on timeout.
    @discardableResult
    /// Drains the inbox until `done` holds, for up to 45 s of wall time: under CI's load (suites
    /// taking 60–70 s side by side) a cloud listing once took longer than the 10 s this used
    /// to allow. It returns as soon as `done` holds, so a passing test waits no longer.
    func settle(_ done: @MainActor () -> Bool) async -> Bool {
        let end = ContinuousClock.now + .seconds(45)
        while ContinuousClock.now < end {
            _ = app.drainInbox()
            if done() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        _ = app.drainInbox()
        return done()
    }

    func screen(_ w: Int = 100, _ h: Int = 30) -> String { app.render(width: w, height: h).text }

    /// A harness on a sandbox of its own with empty accounts (no demo tree), so every list it
    /// shows is the test's; `finish()` stops both.
    static func ownSandbox(local files: [String: String] = [:], requestLog: URL? = nil,
                           faults: String = "") async throws -> Harness {
        let sandbox = try await Env.start(seedDemo: false, requestLog: requestLog, faults: faults)
        let h = try await Harness(local: files, sandbox: sandbox)
        await h.settle { h.app.panesScreen.panes.allSatisfy { $0.load == .ready } && h.app.panesScreen.panes[1].quota != nil }
        return h
    }

    func finish() async {
        app.stop()
        await sandbox?.stop()
    }

    /// The active pane to `path`, as the go-to dialog takes it.
    func goTo(_ path: String) { app.panesScreen.goTo(path, app) }
    func reload(_ p: Pane, to location: Location? = nil) { app.panesScreen.reload(p, to: location, app) }

    func keys(_ ks: Key...) { for k in ks { app.handle(k) } }

    /// Presses `key`, requires the list screen it opens on top (a `type`), and waits until that
    /// has loaded and `ready` holds; the screen, for the test to go on with.
    func open<S: ListScreen>(_ key: Key, as type: S.Type, until ready: @MainActor (S) -> Bool = { _ in true },
                             sourceLocation: SourceLocation = #_sourceLocation) async throws -> S {
        keys(key)
        let screen = try #require(app.overlays.last as? S, sourceLocation: sourceLocation)
        #expect(await settle { !screen.loading && ready(screen) }, sourceLocation: sourceLocation)
        return screen
    }
    func type(_ s: String) { for ch in s { app.handle(.char(ch)) } }
}
