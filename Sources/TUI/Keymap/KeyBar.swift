/// The key bars, made from the command table and the keymap in force: mc's F-key line under
/// the panes, and the "r restore · d delete forever" line of a screen or dialog.
public enum KeyBar {
    /// F1…F10 in `context`: each F-key's command and its short label (nil: unbound).
    public static func fKeys(_ keymap: Keymap, _ context: KeyContext) -> [(key: Key, command: Command?, label: String)] {
        (1...10).map { n in
            let key = Key.f(n)
            guard let c = keymap.command(for: key, in: context), let spec = CommandTable.spec(c, in: context) else { return (key, nil, "") }
            return (key, c, spec.bar ?? spec.title)
        }
    }

    /// The commands of `context` and its parents with a bar label, each with the first key
    /// bound to it; a command left without keys is left out.
    public static func items(_ keymap: Keymap, _ context: KeyContext, only: [Command]? = nil) -> [(key: String, command: Command, label: String)] {
        var out: [(key: String, command: Command, label: String)] = []
        for c in context.chain {
            for spec in CommandTable.specs(c) where spec.bar != nil && (only?.contains(spec.command) ?? true) {
                guard !out.contains(where: { $0.command == spec.command }), let key = keymap.keys(for: spec.command, in: context).first else { continue }
                out.append((key, spec.command, spec.bar!))
            }
        }
        return out
    }

    /// "y copy URL · e expiry"; `short`: each label's first word only ("y copy · e expiry"), for a narrow box.
    public static func line(_ keymap: Keymap, _ context: KeyContext, only: [Command]? = nil, short: Bool = false) -> String {
        items(keymap, context, only: only).map { "\($0.key) \(short ? String($0.label.prefix { $0 != " " }) : $0.label)" }
            .joined(separator: " · ")
    }

    /// The line in `width` columns, each key with a whole label: the full labels, else each
    /// label's first word; what still does not fit gives way to "? more" (the help key lists
    /// every key of the context), so no key is shown cut.
    public static func line(_ keymap: Keymap, _ context: KeyContext, width: Int) -> String {
        for short in [false, true] {
            let l = line(keymap, context, short: short)
            if TextWidth.of(l) <= width { return l }
        }
        let more = keymap.keys(for: .help, in: context).first.map { "\($0) more" } ?? "…"
        var out: [String] = []
        for item in items(keymap, context).map({ "\($0.key) \($0.label.prefix { $0 != " " })" }) {
            guard TextWidth.of((out + [item, more]).joined(separator: " · ")) <= width else { break }
            out.append(item)
        }
        return (out + [more]).joined(separator: " · ")
    }
}
