/// `?` and F1: the keys of the context you are in (its commands, then those it shares), made
/// from the command table and the keymap in force (so overrides show).
enum HelpScreen {
    static func lines(_ keymap: Keymap, _ context: KeyContext = .panes) -> [String] {
        var out: [String]
        if context.chain.contains(.panes) {
            let help = keymap.keys(for: .help, in: context)
            out = ["pcmd — a two-pane file manager for pCloud. Local files on the left, your pCloud on the right.",
                   "Keys are mc's F-keys and vim's letters side by side; both work everywhere.",
                   "Every screen and dialog has its own keys: \(help.first ?? "help")\(help.count > 1 ? " (or \(help[1]))" : "") there lists them.", ""]
        } else {
            out = ["Keys of this \(context.isDialog ? "dialog" : "screen"): \(context.title).", ""]
        }
        func row(_ spec: CommandSpec) -> String {
            let keys = keymap.keys(for: spec.command, in: context).joined(separator: "  ")
            return "  " + pad(keys.isEmpty ? "(no key)" : keys, 22, right: false) + " " + spec.title + "   (\(spec.command.rawValue))"
        }
        func header(_ title: String) -> String { "── \(title) " + String(repeating: "─", count: max(0, 50 - title.count)) }
        for c in context.chain {
            if c == .panes {
                for group in CommandGroup.allCases {
                    out.append(header(group.rawValue))
                    for spec in CommandTable.specs(.panes) where spec.group == group { out.append(row(spec)) }
                    out.append("")
                }
            } else {
                out.append(header(c.title))
                for spec in CommandTable.specs(c) { out.append(row(spec)) }
                out.append("")
            }
        }
        if context == .confirm { out += ["A letter bound to nothing above presses the button it begins.", ""] }
        let tables = context.chain.map { $0 == .panes ? "[keymap]" : "[keymap.\($0.rawValue)]" }.joined(separator: " and ")
        let example = CommandTable.specs(context).first { $0.command != .help }?.command.rawValue ?? "help"
        out += ["Rebind these keys in config.toml under \(tables), e.g.  \"C-x\" = \"\(example)\"."]
        return out
    }

    @MainActor static func make(_ keymap: Keymap, _ context: KeyContext = .panes) -> TextViewer {
        let v = TextViewer(title: context == .panes ? "Help" : "Help — \(context.title)", lines: lines(keymap, context))
        v.isHelp = true
        for (i, l) in v.lines.enumerated() where l.hasPrefix("──") { v.styledLines[i] = .columns }
        return v
    }
}

/// F9: the panes' commands as a menu, grouped; Enter runs the command.
enum MenuScreen {
    @MainActor static func make(_ keymap: Keymap, _ context: KeyContext = .panes) -> ChoiceDialog {
        var specs: [CommandSpec] = []
        var labels: [String] = []
        for group in CommandGroup.allCases where group != .move {
            for spec in CommandTable.specs(.panes) where spec.group == group && spec.command != .menu {
                specs.append(spec)
                labels.append(pad("\(group.rawValue): \(spec.title)", 36, right: false) + " " + (keymap.keys(for: spec.command, in: context).first ?? ""))
            }
        }
        return ChoiceDialog(title: "Menu", lines: [], choices: labels, layout: .menu) { i, app in app.panesScreen.perform(specs[i].command, app) }
    }
}

extension KeyContext {
    var isDialog: Bool {
        switch self {
        case .menu, .confirm, .input, .conflict, .link, .expiry, .shareDialog, .findDialog, .fetchDialog, .filter: true
        default: false
        }
    }
}
