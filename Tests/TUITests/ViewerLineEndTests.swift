import Foundation
import Testing
@testable import TUI

/// A text file written on Windows (CRLF) or old macOS views line by line like any other: Swift
/// takes "\r\n" as one character, so splitting on "\n" alone left such a file on one line.
@Suite @MainActor struct ViewerLineEndTests {
    @Test func aFileWithCRLFLineEndsIsViewedLineByLine() async throws {
        let h = try await Harness(local: ["windows.txt": "first\r\nsecond\r\n\r\nlone\rcarriage return\nlast"])
        let local = h.app.panesScreen.panes[0]
        #expect(await h.settle { local.load == .ready && local.entries.contains { $0.name == "windows.txt" } })
        h.keys(.end, .f(3))
        let shown = await h.settle { (h.app.overlays.last as? TextViewer)?.lines.count ?? 0 > 1 }
        #expect(shown, "\(h.screen())")
        #expect((h.app.overlays.last as? TextViewer)?.lines == ["first", "second", "", "lone\rcarriage return", "last"])
        let screen = h.screen()
        #expect(screen.contains("│second ") && !screen.contains("\\r\\n"), "\(screen)")
        #expect(screen.contains("lone\\rcarriage return"), "a lone CR is no line end: it shows escaped")
        h.app.stop()
    }
}
