import Testing
@testable import TUI

/// A frame's title is cut to the frame in the width it is drawn at: escaped (a control character
/// takes two columns or more as `\e`, `\a`, `\u202e`), not the width of the raw name.
@Suite struct FrameTitleTests {
    @Test func aTitleWithControlCharactersStaysInsideItsFrame() {
        var c = Canvas(width: 30, height: 3)
        c.frame(Rect(x: 0, y: 0, width: 24, height: 3), .plain, title: "Revisions — \u{1b}[31m\u{7}\u{202e}evil name.txt")
        let top = c.row(0)
        #expect(top.hasSuffix("┐      "), "\(top)")
        #expect(TextWidth.of(top) == 30 && top.contains("Revisions — \\e[31m") && top.contains("…"), "\(top)")
    }
}
