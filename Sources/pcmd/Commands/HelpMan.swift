import ArgumentParser

/// The man page, made from the same parser that answers `--help` so the two never drift:
/// every command's help as a preformatted section. `scripts/man.sh` writes it to pcmd.1.
struct HelpMan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "help-man",
        abstract: "Print pcmd's man page (roff) made from the commands' help.",
        discussion: "Example: pcmd help-man > pcmd.1 && man ./pcmd.1")

    func run() {
        var page = [".TH PCMD 1 \"\" \"pcmd \(Version.number)\" \"User Commands\"", ".SH NAME",
                    "pcmd \\- \(Self.escape(PCMD.configuration.abstract))", ".SH DESCRIPTION"]
        page += Self.preformatted(PCMD.helpMessage(columns: 78))
        page.append(".SH COMMANDS")
        for (path, command) in Self.commands(PCMD.configuration.subcommands, prefix: "pcmd") {
            page.append(".SS \"\(path)\"")
            page += Self.preformatted(PCMD.helpMessage(for: command, columns: 78))
        }
        page += [".SH SHELL COMPLETION", "pcmd --generate-completion-script bash|zsh|fish"]
        Console.lines(page.joined(separator: "\n"))
    }

    /// Every command and subcommand with its full name, depth first.
    static func commands(_ list: [ParsableCommand.Type], prefix: String) -> [(String, ParsableCommand.Type)] {
        list.filter { $0 != HelpMan.self }.flatMap { c -> [(String, ParsableCommand.Type)] in
            let name = "\(prefix) \(c._commandName)"
            return [(name, c)] + commands(c.configuration.subcommands, prefix: name)
        }
    }

    static func preformatted(_ text: String) -> [String] {
        [".nf"] + text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) } + [".fi"]
    }

    /// Backslashes doubled; a leading dot or quote would read as a roff request.
    static func escape(_ line: String) -> String {
        let s = line.replacingOccurrences(of: "\\", with: "\\\\")
        return s.hasPrefix(".") || s.hasPrefix("'") ? "\\&" + s : s
    }
}
