/// `?` and F1: every command with its keys, made from the command table and the keymap in
/// force (so overrides show).
enum HelpScreen {
    static func lines(_ keymap: Keymap) -> [String] {
        var out = ["pcmd — a two-pane file manager for pCloud. Local files on the left, your pCloud on the right.",
                   "Keys are mc's F-keys and vim's letters side by side; both work everywhere.", ""]
        for group in CommandGroup.allCases {
            out.append("── \(group.rawValue) " + String(repeating: "─", count: max(0, 50 - group.rawValue.count)))
            for spec in CommandTable.all where spec.group == group {
                let keys = keymap.keys(for: spec.command).joined(separator: "  ")
                out.append("  " + pad(keys, 22, right: false) + " " + spec.title + "   (\(spec.command.rawValue))")
            }
            out.append("")
        }
        out += ["In screens (trash, revisions, shares, links): the keys are on their bottom line.",
                "Rebind keys in config.toml under [keymap], e.g.  \"C-p\" = \"publink\"."]
        return out
    }

    @MainActor static func make(_ keymap: Keymap) -> TextViewer {
        let v = TextViewer(title: "Help", lines: lines(keymap))
        for (i, l) in v.lines.enumerated() where l.hasPrefix("──") { v.styledLines[i] = .columns }
        return v
    }
}

/// F9: the command table as a menu, grouped; Enter runs the command.
enum MenuScreen {
    @MainActor static func make(_ keymap: Keymap) -> ChoiceDialog {
        var specs: [CommandSpec] = []
        var labels: [String] = []
        for group in CommandGroup.allCases where group != .move {
            for spec in CommandTable.all where spec.group == group && spec.command != .menu {
                specs.append(spec)
                labels.append(pad("\(group.rawValue): \(spec.title)", 36, right: false) + " " + (keymap.keys(for: spec.command).first ?? ""))
            }
        }
        return ChoiceDialog(title: "Menu", lines: [], choices: labels, layout: .menu) { i, app in app.perform(specs[i].command) }
    }
}
