/// `[keymap]` of config.toml, kept as written for the TUI's keymap to read: its own
/// `"key" = "command"` pairs rebind the panes (as before screens had keys of their own), and
/// each `[keymap.NAME]` table rebinds one screen or dialog kind (`[keymap.trash]`).
public struct KeymapConfig: Codable, Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// `[keymap]`'s own pairs: the panes.
    public var panes: [String: String]
    /// `[keymap.NAME]` tables by NAME.
    public var contexts: [String: [String: String]]

    public init(panes: [String: String] = [:], contexts: [String: [String: String]] = [:]) {
        self.panes = panes; self.contexts = contexts
    }

    public init(dictionaryLiteral pairs: (String, String)...) {
        self.init(panes: Dictionary(pairs, uniquingKeysWith: { $1 }))
    }

    struct Name: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Name.self)
        var panes: [String: String] = [:], contexts: [String: [String: String]] = [:]
        for name in c.allKeys {
            if let command = try? c.decode(String.self, forKey: name) {
                panes[name.stringValue] = command
            } else if let table = try? c.decode([String: String].self, forKey: name) {
                contexts[name.stringValue] = table
            } else {
                throw CommanderError(.local, "[keymap]: \(name.stringValue) must be \"key\" = \"command\" or a table [keymap.\(name.stringValue)] of them")
            }
        }
        self.init(panes: panes, contexts: contexts)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Name.self)
        for (key, command) in panes { try c.encode(command, forKey: Name(stringValue: key)) }
        for (name, table) in contexts { try c.encode(table, forKey: Name(stringValue: name)) }
    }
}
