/// Keys (and two-key sequences such as `g g`) to commands: the table's defaults, then the
/// user's overrides (`[keymap]` in config.toml: `"C-p" = "publink"`).
public struct Keymap: Sendable {
    private(set) var bindings: [[Key]: Command] = [:]
    /// Keys that start a longer sequence: after one, the app waits briefly for the next.
    private(set) var prefixes: Set<[Key]> = []

    public enum Resolution: Equatable { case command(Command), pending, none }

    public init(overrides: [String: String] = [:]) throws {
        for spec in CommandTable.all { for k in spec.keys { try bind(k, spec.command) } }
        for (keys, name) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let c = Command(rawValue: name) else { throw KeymapError.unknownCommand(name) }
            try bind(keys, c)
        }
    }

    mutating func bind(_ text: String, _ command: Command) throws {
        let keys = try text.split(separator: " ").map { part -> Key in
            guard let k = Key(name: String(part)) else { throw KeymapError.unknownKey(String(part)) }
            return k
        }
        bindings[keys] = command
        for n in 1..<keys.count { prefixes.insert(Array(keys.prefix(n))) }
    }

    /// What the keys typed so far mean. A complete binding that is also a prefix (`g`, `g g`)
    /// is `pending` until the next key or the timeout (`resolveTimeout`).
    public func resolve(_ keys: [Key]) -> Resolution {
        if prefixes.contains(keys) { return .pending }
        return bindings[keys].map(Resolution.command) ?? .none
    }

    /// The command of a pending sequence when no further key came.
    public func resolveTimeout(_ keys: [Key]) -> Command? { bindings[keys] }

    /// The keys bound to `c`, as help shows them.
    public func keys(for c: Command) -> [String] {
        bindings.filter { $0.value == c }.map { $0.key.map(\.name).joined(separator: " ") }.sorted { a, b in
            // F-keys first (mc users look for them), then shorter names.
            (a.hasPrefix("F") ? 0 : 1, a.count, a) < (b.hasPrefix("F") ? 0 : 1, b.count, b)
        }
    }
}

public enum KeymapError: Error, CustomStringConvertible {
    case unknownKey(String), unknownCommand(String)
    public var description: String {
        switch self {
        case .unknownKey(let k): "keymap: unknown key '\(k)'"
        case .unknownCommand(let c): "keymap: unknown command '\(c)' (see `?` help for the names)"
        }
    }
}
