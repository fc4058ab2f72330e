import Foundation
import Testing
import TUI

/// Names whose one grapheme is several emoji (joined by U+200D, or with a skin tone) or holds
/// many combining marks keep the pane's columns in tmux: curses places such a grapheme scalar by
/// scalar, so pcmd must count and send it the same way, and not let the terminal join it.
@Suite(.serialized) struct EmojiNameE2ETests {
    static let names = ["👩‍💻 dev.txt", "👍🏽 ok.txt", "👨‍👩‍👧‍👦 family.txt", "🇯🇵 flag.txt",
                        "z" + String(repeating: "\u{301}", count: 8) + " zalgo.txt", "plain.txt"]

    /// Each name's row in the local pane (100 columns: 50 each) has its size and date columns where
    /// the header puts them, and the pane's right border in column 50, counting each scalar by
    /// wcwidth as tmux does once nothing joins emoji.
    static func misplacedRows(_ screen: String) -> [String] {
        let lines = screen.split(separator: "\n").map(String.init)
        let row = /│ {6}1 B│[A-Z][a-z]{2} \d\d \d\d:\d\d││/
        return names.compactMap { name in
            let word = String(name.split(separator: " ").last!)
            guard let line = lines.first(where: { $0.contains(word) }), let junction = line.range(of: "││") else {
                return "no row for \(word)"
            }
            let columns = line[..<junction.upperBound].unicodeScalars.reduce(0) { $0 + TextWidth.of(Character($1)) }
            return line.contains(row) && columns == 51 ? nil : line
        }
    }

    /// The local pane's part of each line (the cloud pane is the shared sandbox's root, which
    /// other tests change meanwhile).
    static func localPane(_ screen: String) -> [String] {
        screen.split(separator: "\n").map { line in
            let cut = ["││", "┐┌", "┘└"].compactMap { line.range(of: $0)?.lowerBound }.min()
            return String(cut.map { line[..<$0] } ?? line[...])
        }
    }

    @Test func emojiSequencesKeepThePaneColumns() async throws {
        let r = try await E2ETests.launch(local: Dictionary(uniqueKeysWithValues: Self.names.map { ($0, "x") }), env: ["NO_COLOR": "1"])
        let t = r.tmux
        let shown = await t.wait { $0.contains("plain.txt") && $0.contains("zalgo.txt") && $0.contains(" free ") }
        #expect(shown.ok, "\(shown.screen)")
        #expect(Self.misplacedRows(shown.screen).isEmpty, "\(Self.misplacedRows(shown.screen))\n\(shown.screen)")

        // A dialog drawn over the rows and closed again leaves nothing behind.
        try t.keys("F7")
        #expect(await t.waitFor("New folder in").ok)
        try t.keys("Escape")
        let back = await t.wait { !$0.contains("New folder in") }
        #expect(Self.localPane(back.screen) == Self.localPane(shown.screen), "\(back.screen)")
        try t.keys("F10")
        _ = await t.exitReport()
    }
}
