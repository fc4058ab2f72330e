import Foundation

/// The real `pcmd` binary in a detached tmux session of a fixed size: keys go in with
/// `send-keys`, the screen comes back with `capture-pane` — what a user would see.
final class Tmux {
    let socket = "pcmd-e2e-\(UUID().uuidString.prefix(8))"
    let session = "e2e"
    let statusFile: URL

    /// The binary next to the test bundle (`swift build --build-tests` builds both), or $PCMD.
    static var binary: String {
        if let p = ProcessInfo.processInfo.environment["PCMD"] { return p }
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let p = candidate.appendingPathComponent("pcmd").path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../.build/debug/pcmd").standardized.path
    }

    /// Starts `pcmd args` in `dir` (the binary at `binary`, by default the one built here); when it
    /// exits, `stty -a` is written beside it so a test can check the terminal was put back.
    init(_ args: [String], env: [String: String] = [:], dir: URL, width: Int = 100, height: Int = 30,
         binary: String = Tmux.binary) throws {
        statusFile = dir.appendingPathComponent(".pcmd-exit-\(UUID().uuidString.prefix(6))")
        var environment = ["LANG": "C.UTF-8", "TERM": "tmux-256color", "SWIFT_BACKTRACE": "enable=no"]
        for (k, v) in env { environment[k] = v }
        let envText = environment.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let command = "cd \(Self.quote(dir.path)) && env \(envText) \(Self.quote(binary)) \(args.map(Self.quote).joined(separator: " "))"
            + "; echo \"exit=$?\" > \(Self.quote(statusFile.path)); stty -a >> \(Self.quote(statusFile.path)); sleep 60"
        Self.started(socket)
        try run(["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", command])
        try run(["set-option", "-g", "set-clipboard", "on"])
    }

    deinit { _ = try? run(["kill-server"]) }

    /// Every server this test process started, killed at its exit too: a Tmux still referenced
    /// when the run ends never deinits, and its server and pcmd would outlive the tests.
    private nonisolated(unsafe) static var sockets: [String] = []
    private static let socketsLock = NSLock()
    private static let killAtExit: Void = {
        atexit {
            Tmux.socketsLock.lock()
            let all = Tmux.sockets
            Tmux.socketsLock.unlock()
            for s in all { _ = system("tmux -L \(s) kill-server >/dev/null 2>&1") }
        }
    }()

    private static func started(_ socket: String) {
        _ = killAtExit
        socketsLock.lock()
        sockets.append(socket)
        socketsLock.unlock()
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs tmux with posix_spawn and waitpid; output goes through a file, because the tmux
    /// server forked by `new-session` would hold a pipe open (and Foundation's Process left
    /// its clients unreaped here).
    @discardableResult
    func run(_ args: [String]) throws -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-out-\(UUID().uuidString)").path
        defer { unlink(out) }
        let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + args
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cargs = argv.map { strdup($0) } + [nil]
        defer { for a in cargs { free(a) } }
        // The test thread blocks SIGHUP and more; a tmux server spawned with that mask passes it
        // on to the pane, so kill-server left the server, its shell and pcmd running for ever.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        guard posix_spawnp(&pid, "tmux", &actions, &attributes, &cargs, environ) == 0 else {
            throw CocoaError(.executableNotLoadable)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }

    /// Named keys as tmux spells them: F5, Tab, Enter, Escape, Down, C-s, BSpace…
    func keys(_ names: String...) throws {
        for n in names {
            try run(["send-keys", "-t", session, n])
            // A lone Escape must not merge with the next key into Alt+key.
            if n == "Escape" { Thread.sleep(forTimeInterval: 0.1) }
        }
    }

    func type(_ text: String) throws { try run(["send-keys", "-t", session, "-l", text]) }

    var screen: String { (try? run(["capture-pane", "-p", "-t", session])) ?? "" }

    /// Polls the screen until `done` holds; the last screen is returned either way. Sleeps
    /// with Task.sleep: a blocked thread of the small cooperative pool would stall the
    /// in-process sandboxes of every other suite.
    @discardableResult
    func wait(timeout: Double = 15, _ done: (String) -> Bool) async -> (ok: Bool, screen: String) {
        let end = Date().addingTimeInterval(timeout)
        var s = screen
        while Date() < end {
            if done(s) { return (true, s) }
            try? await Task.sleep(for: .milliseconds(50))
            s = screen
        }
        return (done(s), s)
    }

    func waitFor(_ text: String, timeout: Double = 15) async -> (ok: Bool, screen: String) {
        await wait(timeout: timeout) { $0.contains(text) }
    }

    /// What pcmd left behind when it exited: its status and the terminal's `stty -a`.
    func exitReport(timeout: Double = 10) async -> String? {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if let s = try? String(contentsOf: statusFile, encoding: .utf8), s.contains("speed") { return s }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// pcmd has exited: the command after it wrote the status file.
    var exited: Bool { FileManager.default.fileExists(atPath: statusFile.path) }

    /// A tmux format of the pane (`#{alternate_on}`, `#{pane_tty}`…).
    func format(_ f: String) -> String {
        ((try? run(["display-message", "-p", "-t", session, f])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Bytes typed into the pane that the program in it has not read yet: the input queue of
    /// its terminal. Keys left there mean the program stopped reading them. Nil when the
    /// terminal cannot be opened.
    func unreadInput() -> Int? {
        let fd = open(format("#{pane_tty}"), O_RDONLY | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var count: Int32 = 0
        return ioctl(fd, UInt(FIONREAD), &count) == 0 ? Int(count) : nil
    }

    /// The tmux paste buffer (OSC 52 lands there with set-clipboard on).
    var clipboard: String { (try? run(["show-buffer"])) ?? "" }
}
