import Commander
import Foundation
import SourceServer
import Testing
@testable import TUI

/// W: the fetch-from-the-web dialog and its job, read back from the canvas.
@Suite(.serialized) @MainActor struct FetchScreenTests {
    static let source = Task { try await SourceServer.start() }

    /// The dialog's rows of the screen (its frame and what is inside), trailing spaces dropped.
    func dialog(_ screen: String) -> [String] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let top = lines.firstIndex(where: { $0.contains("Fetch from the web") }) else { return [] }
        let left = TextWidth.of(String(lines[top].prefix { $0 != "┌" && $0 != "╭" }))
        return lines[top...].prefix(14).map { line in
            var chars = Array(line).dropFirst(left).prefix(90)
            while chars.last == " " { chars.removeLast() }
            return String(chars)
        }
    }

    @Test func theDialogTakesSeveralURLsAndSaysWhatIsWrong() async throws {
        let h = try await Harness()
        await h.settle { h.app.panesScreen.panes.allSatisfy { $0.load == .ready } }
        h.keys(.char("W"))
        #expect(h.app.status.text.contains("Tab to the cloud pane"))
        #expect(!(h.app.overlays.last is FetchDialog))
        h.app.panesScreen.active = 1
        h.keys(.char("W"))
        h.type("https://example.com/a.iso  debian.iso")
        h.keys(.enter)
        h.type("ftp://example.com/b.zip")
        h.keys(.tab, .enter)
        #expect(dialog(h.screen()) == [
            "┌────────────────────────────────── Fetch from the web ──────────────────────────────────┐",
            "│ pCloud downloads into / — one URL per line, a name after it if you like:               │",
            "│ https://example.com/a.iso  debian.iso                                                  │",
            "│ ftp://example.com/b.zip                                                                │",
            "│                                                                                        │",
            "│                                                                                        │",
            "│                                                                                        │",
            "│                                                                                        │",
            "│                                                                                        │",
            "│                                                                                        │",
            "│ line 2: ftp://example.com/b.zip is not an http or https URL                            │",
            "│                                                                                        │",
            "│ [ Fetch ] [ Cancel ]  Enter new line · Tab to buttons · Esc cancel                     │",
            "└────────────────────────────────────────────────────────────────────────────────────────┘",
        ])
        let d = try #require(h.app.overlays.last as? FetchDialog)
        #expect(d.focus == 0 && d.row == 1)
        h.keys(.escape)
        #expect(h.app.overlays.isEmpty)
        // Parsing: URL, then an optional name (spaces allowed); blank lines ignored.
        guard case .success(let parsed) = FetchDialog.parse(["  http://a/x.bin   my file.bin ", "", "https://b/"]) else {
            Issue.record("did not parse"); return
        }
        #expect(parsed.urls == ["http://a/x.bin", "https://b/"] && parsed.names == ["my file.bin", nil])
    }

    @Test func theJobShowsBytesPerURLAndTheFilesArrive() async throws {
        let web = try await Self.source.value
        let h = try await Harness()
        let folder = try await h.cloud.testFolder("tui-fetch")
        h.app.panesScreen.active = 1
        h.goTo("/\(folder.name)")
        await h.settle { h.app.panesScreen.panes[1].load == .ready && h.app.panesScreen.panes[1].location.path == "/\(folder.name)" }
        h.keys(.char("W"))
        h.type(web.url("/bytes/first.bin?size=\(2 << 20)&chunk=32768&delayms=60") + "  renamed.bin")
        h.keys(.enter)
        h.type(web.url("/bytes/second.bin?size=1000"))
        h.keys(.tab, .enter, .char("J"))
        #expect(await h.settle {
            h.app.jobs.values.contains { $0.parts.first?.state == .working && $0.parts.first?.bytesTotal != nil }
        })
        let panel = h.screen(120, 40)
        #expect(panel.contains("Fetch 2 URLs into"), "\(panel)")
        #expect(panel.contains("↳ renamed.bin") && panel.contains("/2.00 MiB  downloading"), "\(panel)")
        #expect(panel.contains("↳ second.bin") && panel.contains("0 B  waiting"), "\(panel)")
        #expect(await h.settle { h.app.jobs.values.contains { $0.state == .done } })
        #expect(await h.settle { Set(h.app.panesScreen.panes[1].entries.map(\.name)) == ["renamed.bin", "second.bin"] })
    }
}
