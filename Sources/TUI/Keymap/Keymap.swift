import Commander
import TOMLKit

/// Keys (and two-key sequences such as `g g`) to commands, per context: the defaults shipped
/// in the binary (`keymap-default.toml`), then the user's overrides from config.toml
/// (`[keymap]` for the panes, `[keymap.trash]` and so on for the rest).
public struct Keymap: Sendable {
    struct Bindings: Sendable {
        var commands: [[Key]: Command] = [:]
        /// Keys that start a longer sequence: after one, the app waits briefly for the next.
        var prefixes: Set<[Key]> = []
        /// Each command's keys in the order shown: the user's, then the defaults' as written.
        var keys: [Command: [[Key]]] = [:]

        mutating func bind(_ keys: [Key], _ command: Command, first: Bool = false) {
            if let old = commands[keys] { self.keys[old]?.removeAll { $0 == keys } }
            commands[keys] = command
            if first { self.keys[command, default: []].insert(keys, at: 0) } else { self.keys[command, default: []].append(keys) }
            for n in 1..<max(1, keys.count) { prefixes.insert(Array(keys.prefix(n))) }
        }
    }

    private var contexts: [KeyContext: Bindings] = [:]

    public enum Resolution: Equatable { case command(Command), pending, none }

    /// The defaults, then `overrides`. Throws a `KeymapError` in plain words for an unknown
    /// key, command or context, and for a key bound twice in one context.
    public init(overrides: KeymapConfig = [:], defaults: String = Keymap.defaultText) throws {
        try load(defaults: defaults)
        var user = overrides.contexts
        // `[keymap]`'s own pairs are the panes, beside a `[keymap.panes]` table if there is one.
        for (key, command) in overrides.panes {
            if let other = user["panes"]?[key] {
                throw KeymapError.boundTwice(.user, .panes, key: "\(key) (in [keymap] and [keymap.panes])", first: command, second: other)
            }
            user["panes", default: [:]][key] = command
        }
        for (name, table) in user.sorted(by: { $0.key < $1.key }) {
            guard let context = KeyContext(rawValue: name) else { throw KeymapError.unknownContext(.user, name) }
            var seen: [[Key]: (text: String, command: String)] = [:]
            for (text, command) in table.sorted(by: { $0.key < $1.key }) {
                let keys = try Self.parse(text, .user, context)
                if let before = seen[keys] {
                    let shown = keys.map(\.name).joined(separator: " ")
                    throw KeymapError.boundTwice(.user, context, key: "\(shown) (written \"\(before.text)\" and \"\(text)\")",
                                                 first: before.command, second: command)
                }
                seen[keys] = (text, command)
                contexts[context, default: Bindings()].bind(keys, try Self.command(command, .user, context), first: true)
            }
        }
    }

    /// The defaults' TOML: one table per context, `command = ["key", …]`. Read from the table
    /// directly (no Codable: its type lookups would cost start-up time, as they did for themes).
    private mutating func load(defaults text: String) throws {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch { throw KeymapError.unreadable(.defaults, "\(error)") }
        for name in table.keys {
            guard let context = KeyContext(rawValue: name) else { throw KeymapError.unknownContext(.defaults, name) }
            guard let commands = table[name]?.table else { throw KeymapError.unreadable(.defaults, "[\(name)] must be a table") }
            var bindings = Bindings()
            // By command order in the table (TOML tables are unordered): help and bars list keys alike every run.
            let rank = CommandTable.rank[context] ?? [:]
            for commandName in commands.keys.sorted(by: { (rank[$0] ?? .max, $0) < (rank[$1] ?? .max, $1) }) {
                let command = try Self.command(commandName, .defaults, context)
                guard let list = commands[commandName]?.array else {
                    throw KeymapError.unreadable(.defaults, "[\(name)] \(commandName) must be a list of keys")
                }
                for value in list {
                    guard let text = value.string else { throw KeymapError.unreadable(.defaults, "[\(name)] \(commandName): keys are strings") }
                    let keys = try Self.parse(text, .defaults, context)
                    if let other = bindings.commands[keys] {
                        throw KeymapError.boundTwice(.defaults, context, key: text, first: other.rawValue, second: commandName)
                    }
                    bindings.bind(keys, command)
                }
            }
            contexts[context] = bindings
        }
    }

    /// The keymap shipped in the binary.
    public static var defaultText: String { String(decoding: PackageResources.keymap_default_toml, as: UTF8.self) }

    static func parse(_ text: String, _ source: KeymapError.Source, _ context: KeyContext) throws -> [Key] {
        let parts = text.split(separator: " ")
        guard !parts.isEmpty else { throw KeymapError.unknownKey(source, context, text) }
        return try parts.map { part in
            guard let k = Key(name: String(part)) else { throw KeymapError.unknownKey(source, context, String(part)) }
            return k
        }
    }

    /// A command `context` (or a parent) takes.
    static func command(_ name: String, _ source: KeymapError.Source, _ context: KeyContext) throws -> Command {
        guard let c = context.chain.lazy.compactMap({ CommandTable.named[$0]?[name] }).first else {
            throw KeymapError.unknownCommand(source, context, name)
        }
        return c
    }

    /// What the keys typed so far mean in `context`. A complete binding that is also a prefix
    /// (`g`, `g g`) is `pending` until the next key or the timeout (`resolveTimeout`).
    public func resolve(_ keys: [Key], in context: KeyContext = .panes) -> Resolution {
        for c in context.chain {
            guard let b = contexts[c] else { continue }
            if b.prefixes.contains(keys) { return .pending }
            if let command = b.commands[keys] { return .command(command) }
        }
        return .none
    }

    /// The command of a pending sequence when no further key came.
    public func resolveTimeout(_ keys: [Key], in context: KeyContext = .panes) -> Command? {
        for c in context.chain { if let command = contexts[c]?.commands[keys] { return command } }
        return nil
    }

    /// The keys that run `command` in `context`, as help shows them (a parent's keys the
    /// context rebinds are left out).
    public func keys(for command: Command, in context: KeyContext = .panes) -> [String] {
        var out: [String] = []
        for c in context.chain {
            for keys in contexts[c]?.keys[command] ?? [] where resolveTimeout(keys, in: context) == command {
                let name = keys.map(\.name).joined(separator: " ")
                if !out.contains(name) { out.append(name) }
            }
        }
        return out
    }

    /// The command bound to exactly `key` in `context`.
    public func command(for key: Key, in context: KeyContext) -> Command? { resolveTimeout([key], in: context) }
}

public enum KeymapError: Error, CustomStringConvertible, Equatable {
    public enum Source: Sendable { case defaults, user }
    case unknownKey(Source, KeyContext, String)
    case unknownCommand(Source, KeyContext, String)
    case unknownContext(Source, String)
    case boundTwice(Source, KeyContext, key: String, first: String, second: String)
    case unreadable(Source, String)

    static func place(_ s: Source, _ c: KeyContext) -> String {
        switch s {
        case .defaults: "keymap-default.toml [\(c.rawValue)]"
        case .user: c == .panes ? "config.toml [keymap]" : "config.toml [keymap.\(c.rawValue)]"
        }
    }

    public var description: String {
        switch self {
        case .unknownKey(let s, let c, let k):
            "\(Self.place(s, c)): unknown key '\(k)' (keys are written like F5, S-F6, C-r, M-x, Space, Enter, Esc, Up, a)"
        case .unknownCommand(let s, let c, let name):
            "\(Self.place(s, c)): '\(name)' is not a command there; its commands are "
                + c.chain.flatMap { CommandTable.specs($0).map(\.command.rawValue) }.joined(separator: ", ")
        case .unknownContext(let s, let name):
            "\(s == .defaults ? "keymap-default.toml [\(name)]" : "config.toml [keymap.\(name)]"): no screen or dialog is called '\(name)'; the names are "
                + KeyContext.allCases.map(\.rawValue).joined(separator: ", ")
        case .boundTwice(let s, let c, let key, let first, let second):
            "\(Self.place(s, c)): \(key) is bound twice, to \(first) and to \(second); a key can do one thing in one place"
        case .unreadable(let s, let why):
            "\(s == .defaults ? "keymap-default.toml" : "config.toml [keymap]"): \(why)"
        }
    }
}
