import Commander
import Foundation
import Testing
@testable import TUI

/// An error too long for one status line takes the rows it needs above the key bar (up to
/// three), so its hint — the part that says what to do — is read whole on a narrow terminal.
@Suite(.serialized) @MainActor struct StatusLineTests {
    static let what = "Copy 写真-2024-夏休み.jpg"
    static let error = CommanderError(.network, "the connection to 127.0.0.1:8781 was lost mid-transfer",
                                      hint: "pcmd jobs resume continues it where it stopped")

    /// The status rows of a screen: between the panes' bottom border and the key bar.
    static func statusRows(_ screen: String) -> [String] {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let below = rows.lastIndex { $0.hasPrefix("└") }.map { $0 + 1 } ?? 0
        return Array(rows[below..<(rows.count - 1)])
    }

    static func words(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    @Test(arguments: [(60, 20), (40, 10)]) func aLongErrorShowsItsWholeHint(width: Int, height: Int) async throws {
        let h = try await Harness()
        defer { h.app.stop() }
        await h.settle { h.app.panesScreen.panes.allSatisfy { $0.load == .ready } }
        h.app.fail(Self.what, Self.error)
        let screen = h.screen(width, height)
        let rows = Self.statusRows(screen)
        #expect(rows.count > 1, "\(screen)")
        #expect(Self.words(rows.joined(separator: " ")) == Self.words("\(Self.what): \(ErrorHint.describe(Self.error))"),
                "\(screen)")
        #expect(rows.allSatisfy { TextWidth.of($0) <= width }, "\(screen)")
        // The panes keep their frame: the key bar and the panes' bottom border are still there.
        #expect(screen.contains("└") && screen.split(separator: "\n").last?.hasPrefix("1") == true, "\(screen)")

        // The next message takes one line again, and the panes their rows.
        h.app.say("done")
        #expect(Self.statusRows(h.screen(width, height)).count == 1, "\(h.screen(width, height))")
    }

    /// The demo sandbox's greeting at first start is read whole: on one line at 80 columns, on
    /// as many as it needs at 40; it was cut at both.
    @Test(arguments: [(80, 24, 1), (40, 10, 2)]) func theGreetingIsReadWhole(width: Int, height: Int, lines: Int) async throws {
        let h = try await Harness(greeting: AppSetup.sandboxGreeting)
        defer { h.app.stop() }
        let screen = h.screen(width, height)
        let rows = Self.statusRows(screen)
        #expect(rows.count == lines, "\(screen)")
        #expect(Self.words(rows.joined(separator: " ")) == Self.words(AppSetup.sandboxGreeting), "\(screen)")
        #expect(rows.allSatisfy { TextWidth.of($0) <= width }, "\(screen)")
    }
}
