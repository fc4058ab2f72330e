import Testing
import TUI

@Suite struct TerminalSmokeTests {
    @Test func cursesStartsAndEndsWithWideCharacters() throws {
        let result = try #require(TerminalSmoke.run(term: "xterm-256color", text: "中文 ok"))
        #expect(result.lines > 0 && result.cols > 0)
        // Two CJK characters take two columns each: 2*2 + " ok" = 7.
        #expect(result.width == 7)
    }
}
