import Commander
import Foundation

/// What the app is started with: two drives, a job queue, a theme and a keymap.
public struct AppSetup: Sendable {
    public var local: LocalDrive
    public var localStart: String
    public var cloud: CloudDrive
    public var cloudStart: String
    public var cloudLabel: String
    public var isSandbox: Bool
    /// A sentence shown once in the status line at start (the sandbox banner).
    public var greeting: String?
    public var queue: JobQueue
    public var theme: Theme
    public var keymap: Keymap
    /// Where bookmarks are kept across runs; nil keeps them for this run only.
    public var bookmarksFile: URL?
    /// How the trash screen signs an OAuth-only account in with its password; nil where the
    /// trash needs none (the demo sandbox signs in at start).
    public var trashSignIn: TrashSignIn?

    public init(local: LocalDrive, localStart: String, cloud: CloudDrive, cloudStart: String = "/", cloudLabel: String, isSandbox: Bool,
                greeting: String? = nil, queue: JobQueue, theme: Theme, keymap: Keymap, bookmarksFile: URL? = nil) {
        self.local = local; self.localStart = localStart; self.cloud = cloud; self.cloudStart = cloudStart; self.cloudLabel = cloudLabel
        self.isSandbox = isSandbox; self.greeting = greeting; self.queue = queue; self.theme = theme; self.keymap = keymap
        self.bookmarksFile = bookmarksFile
    }

    /// The demo sandbox's greeting: short enough for one line at 80 columns, two at 40.
    public static let sandboxGreeting = "SANDBOX: demo data, not your pCloud · `pcmd login` to use yours · ? help"

    /// The bookmarks file pcmd uses by default.
    public static var defaultBookmarksFile: URL { Bookmarks.defaultFile() }
}

/// The commander: the panes screen, the overlays on top of it, the jobs, the status line and
/// the terminal loop. One thread owns it; background work reports through `inbox`.
@MainActor
public final class App {
    /// The screen under every overlay; what the panes do lives there.
    public let panesScreen: PanesScreen
    public let cloud: CloudDrive
    public let queue: JobQueue
    public var theme: Theme
    public let keymap: Keymap
    let trashSignIn: TrashSignIn?
    public let inbox = Inbox()
    var overlays: [Overlay] = []
    var status: (text: String, error: Bool) = ("", false)
    /// Counts status messages, so a full screen knows one arrived while it was open.
    var statusSerial = 0
    /// The status line at start is a sentence to read whole (the greeting, unfinished jobs),
    /// not the key hint, which may be cut.
    private(set) var greetsAtStart = false
    var jobs: [JobID: JobSnapshot] = [:]
    /// The jobs panel is open (it has the keys while it is).
    var jobsPanel: Bool { overlays.contains { $0 is JobsScreen } }
    var watches: [Watch] = []
    var pendingKeys: [Key] = []
    var pendingSince = Date()
    var tick = 0
    public var running = true
    private var tasks: [Task<Void, Never>] = []

    public init(_ setup: AppSetup) {
        cloud = setup.cloud
        queue = setup.queue
        theme = setup.theme
        keymap = setup.keymap
        trashSignIn = setup.trashSignIn
        panesScreen = PanesScreen(setup)
        let hint = [(Command.help, "help"), (.menu, "menu"), (.otherPane, "other pane"), (.quit, "quit")]
            .map { "\(keyName($0.0)) \($0.1)" }.joined(separator: " · ")
        status = (setup.greeting ?? hint, false)
        // Transfers an earlier run did not finish (quit, crash, kill -9) are said at once.
        if let notice = storedJobsNotice() { status = (notice, false) }
        greetsAtStart = status.text != hint
    }

    /// Lists both panes, follows the job queue and the account's change feed.
    public func start() {
        startLocal()
        if panesScreen.pane(on: .local) != nil {
            inbox.post { $0.startCloud() }
        } else {
            startCloud()
        }
    }

    /// Follows the job queue and lists the local panes. Local panes first: their names are on
    /// screen before the cloud's TLS handshakes take the (two) cores.
    private func startLocal() {
        let inbox = inbox, queue = queue
        tasks.append(Task.detached {
            for await s in await queue.updates() { inbox.post { $0.jobUpdated(s) } }
        })
        for p in panesScreen.panes where p.side == .local { panesScreen.reload(p, self) }
        showStoredJobs()
    }

    private func startCloud() {
        for p in panesScreen.panes where p.side == .cloud { panesScreen.reload(p, self) }
        panesScreen.refreshQuota(self)
        let inbox = inbox, cloud = cloud
        tasks.append(Task.detached {
            // The cloud pane stays live: a change elsewhere lists the affected folders again.
            while !Task.isCancelled {
                do {
                    for try await change in cloud.changes() { inbox.post { $0.panesScreen.cloudChanged(change, $0) } }
                } catch {
                    try? await Task.sleep(for: .seconds(5))
                }
            }
        })
    }

    public func stop() { for t in tasks { t.cancel() } }

    // MARK: background work

    /// Runs `work` off the UI thread; its answer comes back through the inbox. Errors go to the
    /// status line with their pCloud code, unless `quiet`: a refresh nobody asked for must not
    /// cover what the user's last action came to.
    func background<T: Sendable>(_ what: String, quiet: Bool = false, _ work: @escaping @Sendable () async throws -> T,
                                 then: @escaping @MainActor @Sendable (App, T) -> Void) {
        let inbox = inbox
        Task.detached {
            do {
                let value = try await work()
                inbox.post { then($0, value) }
            } catch {
                guard !quiet else { return }
                let e = CommanderError.from(error)
                inbox.post { $0.fail(what, e) }
            }
        }
    }

    // MARK: status line

    func say(_ text: String) { status = (text, false); statusSerial += 1 }

    func fail(_ what: String, _ e: CommanderError) {
        status = ("\(what): \(errorHint.describe(e))", true)
        statusSerial += 1
    }

    /// Hints name the keys where the user is: the overlay on top, else the panes under it.
    var errorHint: ErrorHint { ErrorHint(keymap, context, panesScreen.context) }

    /// Runs `body` on the UI thread; what it throws goes to the status line.
    func attempt<T>(_ what: String, _ body: () throws -> T) -> T? {
        do { return try body() } catch {
            fail(what, CommanderError.from(error))
            return nil
        }
    }

    // MARK: overlays

    func push(_ o: Overlay) { overlays.append(o) }

    func close(_ o: Overlay) { overlays.removeAll { $0 === o } }

    /// Ends the loop, after asking when jobs are still running. Transfers the job store keeps
    /// stop where they are, to be resumed (issue 20); quitting cancels the others.
    func quit() {
        let running = jobs.values.filter { $0.state.isActive }.count
        guard running > 0 else { self.running = false; return }
        let kept = min(running, (try? queue.store?.unfinished().filter { $0.pid == getpid() && $0.state.isActive }.count) ?? 0)
        let cancelled = running - kept
        var lines = ["\(running) job\(running == 1 ? " is" : "s are") still running."]
        if kept == running {
            lines.append(running == 1 ? "Quitting stops it where it is:" : "Quitting stops them where they are:")
            lines.append("pcmd jobs resume continues \(running == 1 ? "it" : "them").")
        } else if kept > 0 {
            lines.append("\(kept) stop where they are (pcmd jobs resume);")
            lines.append("quitting cancels the other \(cancelled).")
        } else {
            lines.append("Quitting cancels \(running == 1 ? "it" : "them").")
        }
        push(ChoiceDialog(title: "Quit", lines: lines, choices: ["Quit", "Stay"], selected: 1) { i, app in
            if i == 0 { app.running = false }
        })
    }

    // MARK: the loop

    /// The first frame waits a moment for the local listing, so that it shows names, not a
    /// spinner followed at once by a second full frame (each full frame costs the terminal).
    private func awaitLocalListing(budget: Duration = .milliseconds(50)) {
        let deadline = ContinuousClock.now + budget
        while panesScreen.panes.contains(where: { $0.side == .local && $0.load == .loading }) {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { break }
            var fd = pollfd(fd: inbox.wakeFD, events: Int16(POLLIN), revents: 0)
            _ = poll(&fd, 1, Int32((left / .milliseconds(1)).rounded(.up)))
            for m in inbox.drain() { m(self) }
        }
    }

    /// Runs until quit, drawing on `terminal`.
    public func run(on terminal: Terminal) {
        // The cloud starts once the first frame is out: its pool, TLS context and handshakes
        // would otherwise share the two cores with the local listing and the first draw.
        startLocal()
        awaitLocalListing()
        defer { stop() }
        var cloudStarted = false
        var dirty = true
        var lastAnimation = Date()
        while running {
            if CrashGuard.pending != 0 { break }
            for m in inbox.drain() { m(self); dirty = true }
            if Date().timeIntervalSince(lastAnimation) > 0.1, isAnimating {
                tick += 1; lastAnimation = Date(); dirty = true
            }
            if let seq = clipboard { clipboard = nil; terminal.writeRaw(seq) }
            if dirty {
                terminal.present(render(width: terminal.width, height: terminal.height))
                dirty = false
            }
            if !cloudStarted { cloudStarted = true; startCloud() }
            let wait: Int32 = isAnimating || !pendingKeys.isEmpty ? 50 : 500
            if let key = terminal.readKey(wake: inbox.wakeFD, timeout: wait) {
                handle(key)
                dirty = true
            } else if !pendingKeys.isEmpty, Date().timeIntervalSince(pendingSince) > 0.6 {
                let keys = pendingKeys
                pendingKeys = []
                if let c = keymap.resolveTimeout(keys, in: context) { run(c) }
                dirty = true
            }
            if let run = pendingExternal {
                pendingExternal = nil
                terminal.suspended(run)
                if let after = afterExternal { afterExternal = nil; after(self) }
                dirty = true
            }
        }
    }

    /// Something the terminal must leave curses for (an editor); run by the loop.
    var pendingExternal: (() -> Void)?
    var afterExternal: ((App) -> Void)?
    /// An OSC 52 sequence waiting to be written to the terminal.
    var clipboard: String?

    var isAnimating: Bool {
        panesScreen.panes.contains { $0.load == .loading } || jobs.values.contains { !$0.state.isFinished }
    }

    var spinner: String { ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"][tick % 10] }

    // MARK: keys

    /// The first key of `command` in `context`, for hints in the status line (its name when unbound).
    func keyName(_ command: Command, in context: KeyContext = .panes) -> String {
        keymap.keys(for: command, in: context).first ?? command.rawValue
    }

    /// Whose keys apply now: the overlay on top, else the panes (the active one's find results or its folder).
    public var context: KeyContext { overlays.last?.context ?? panesScreen.context }

    /// A key press: a focused text field types it; otherwise the keymap of the context in
    /// force turns it (or a sequence such as `g g`) into a command.
    public func handle(_ key: Key) {
        if case .resize = key { return }
        if case .mouse(let m) = key {
            if let top = overlays.last { top.mouse(m, self) } else { panesScreen.mouse(m, self) }
            return
        }
        if pendingKeys.isEmpty, let top = overlays.last, top.type(key, self) { return }
        let context = context
        pendingKeys.append(key)
        switch keymap.resolve(pendingKeys, in: context) {
        case .pending: pendingSince = Date()
        case .command(let c): pendingKeys = []; run(c)
        case .none:
            // `g` then a key that is not `g`: the lone `g` (go to) and the key both count.
            let keys = pendingKeys
            pendingKeys = []
            if keys.count > 1, let c = keymap.resolveTimeout(Array(keys.dropLast()), in: context) { run(c); handle(keys.last!) }
        }
    }

    /// A command for whatever has the keys: help for any context, the overlay on top, or the panes.
    public func run(_ command: Command) {
        guard let top = overlays.last else { return panesScreen.perform(command, self) }
        if command == .help {
            // Help's own help key closes it rather than stacking another.
            if (top as? TextViewer)?.isHelp == true { close(top) } else { push(HelpScreen.make(keymap, top.context)) }
            return
        }
        if !top.perform(command, self) { close(top) }
    }

    /// Lets tests wait until background work has reported.
    public func drainInbox() -> Int {
        let ms = inbox.drain()
        for m in ms { m(self) }
        return ms.count
    }
}
