import Commander

/// A full-screen table with a cursor: the trash, revisions, shares, links and upload links
/// screens are this plus their rows and commands. The update side (`reload`, `act`) lives in
/// each screen; drawing is shared here, the bottom line made from the keymap.
@MainActor
class ListScreen: Overlay {
    struct Column {
        let title: String
        /// 0 = takes what is left.
        let width: Int
        var right = false
    }

    let title: String
    let columns: [Column]
    /// Whose keys apply: the screen's own, then every list screen's (`list`).
    let context: KeyContext
    var rows: [[String]] = []
    var cursor = 0
    var top = 0
    var loading = true
    var problem: String?

    init(title: String, columns: [Column], context: KeyContext) {
        self.title = title; self.columns = columns; self.context = context
    }

    /// Fetches the rows again (each screen overrides).
    func reload(_ app: App) {}

    /// A command of the screen's own context; true when handled.
    func act(_ command: Command, _ app: App) -> Bool { false }

    /// `/` then text: the cursor goes to the first row containing it.
    var find: LineEditor?
    /// The app's status messages up to this one have been seen; newer ones show on the
    /// bottom line until the next key.
    var seenStatus = Int.max

    /// The find line, while open, takes the keys.
    func type(_ key: Key, _ app: App) -> Bool {
        seenStatus = app.statusSerial
        guard var f = find else { return false }
        switch key {
        case .escape, .enter: find = nil
        default:
            _ = f.handle(key)
            find = f
            let needle = f.text.lowercased()
            if let i = rows.firstIndex(where: { $0.contains { $0.lowercased().contains(needle) } }) { cursor = i }
        }
        return true
    }

    func perform(_ command: Command, _ app: App) -> Bool {
        if act(command, app) { return true }
        switch command {
        case .close: return false
        case .up: cursor -= 1
        case .down: cursor += 1
        case .pageUp: cursor -= 10
        case .pageDown: cursor += 10
        case .top: cursor = 0
        case .bottom: cursor = rows.count - 1
        case .refresh: reload(app)
        case .search: find = LineEditor()
        default: break
        }
        cursor = max(0, min(cursor, rows.count - 1))
        return true
    }

    func mouse(_ m: MouseEvent, _ app: App) {
        if m.kind == .wheelUp { cursor -= 3 } else if m.kind == .wheelDown { cursor += 3 }
        cursor = max(0, min(cursor, rows.count - 1))
    }

    /// Loads rows off the UI thread; errors stay on the screen in plain words.
    func load<T: Sendable>(_ app: App, _ work: @escaping @Sendable () async throws -> T,
                           _ apply: @escaping @MainActor (T) -> [[String]]) {
        loading = true
        problem = nil
        let box = UncheckedBox(apply)
        let inbox = app.inbox
        Task.detached {
            do {
                let value = try await work()
                inbox.post { _ in
                    self.rows = box.value(value)
                    self.loading = false
                    self.cursor = max(0, min(self.cursor, self.rows.count - 1))
                }
            } catch {
                let e = CommanderError.from(error)
                inbox.post { app in self.failed(e, app) }
            }
        }
    }

    func failed(_ e: CommanderError, _ app: App) {
        loading = false
        problem = ErrorHint(app.keymap, context).describe(e)
    }
}
