import Commander
import Foundation
import Testing
@testable import TUI

/// The full-screen views (viewer, help, jobs, and the list screens) as exact text, each on a
/// sandbox of its own so the lists hold only what the test made.
@MainActor
@Suite struct ScreenSnapshotTests {
    static let note = "第一行：中文和日本語のテキスト\n\tindented by a tab\n" + String(repeating: "long line ", count: 12) + "end\n🎵 emoji line\nlast"

    @Test func textViewerAndItsSearch() async throws {
        let h = try await Harness.ownSandbox(local: ["説明.txt": Self.note])
        defer { Task { await h.finish() } }
        h.keys(.f(3))
        let viewer = try #require(h.app.overlays.last as? TextViewer)
        #expect(await h.settle { viewer.lines.count == 6 })
        expectSnapshot(h.snapshot(80, 24), """
            """)
        h.keys(.char("/"))
        h.type("emoji")
        expectSnapshot(h.snapshot(40, 10), """
            """)
        h.keys(.enter)
        #expect(viewer.found == 3)
        expectSnapshot(h.snapshot(40, 10), """
            """)
    }

    @Test func halfBlockThumbnailInTheViewer() async throws {
        // The demo tree's picture, on the shared sandbox.
        let h = try await Harness(cloudStart: "/Photos")
        h.app.active = 1
        await h.settle { h.app.panes[1].entries.contains { $0.name == "猫の写真.png" } }
        _ = h.app.panes[1].jump(prefix: "猫")
        _ = h.screen(40, 10)   // the viewer sizes the picture for the last frame
        h.keys(.f(3))
        let viewer = try #require(h.app.overlays.last as? TextViewer)
        #expect(await h.settle { !viewer.picture.isEmpty })
        expectSnapshot(h.snapshot(40, 10), """
            """)
        // Two pixels a cell: the upper one as the colour of the glyph, the lower one behind it.
        let canvas = h.app.render(width: 40, height: 10)
        let cells = (1...2).flatMap { y in (1...8).map { canvas[$0, y] } }
        #expect(cells.allSatisfy { $0.text == "▀" && $0.style.fg != $0.style.bg })
    }

    @Test func helpScreen() async throws {
        let h = try await Harness.ownSandbox()
        defer { Task { await h.finish() } }
        h.keys(.char("?"))
        expectSnapshot(h.snapshot(80, 24), """
            """)
        h.keys(.pageDown)
        expectSnapshot(h.snapshot(40, 10), """
            """)
    }

    @Test func jobsPanelWithItsCursor() async throws {
        let h = try await Harness.ownSandbox(local: ["中文.txt": "0123456789", "b.txt": "b"])
        defer { Task { await h.finish() } }
        h.keys(.char(" "), .char(" "), .f(5), .enter)
        #expect(await h.settle { h.app.status.text.contains("done") })
        h.keys(.char("J"))
        #expect(h.app.overlays.last is JobsScreen)
        expectSnapshot(h.snapshot(80, 24), """
            """)
        expectSnapshot(h.snapshot(40, 10), """
            """)
    }

    @Test func revisionsScreen() async throws {
        let h = try await Harness.ownSandbox()
        defer { Task { await h.finish() } }
        let folder = try await h.cloud.testFolder("文書", files: ["報告書.txt": "version 1"], unique: false)
        try await h.cloud.upload(["報告書.txt": "version 2 is longer"], into: folder)
        try await h.cloud.upload(["報告書.txt": "version 3"], into: folder)
        h.app.active = 1
        h.app.goTo("/文書")
        await h.settle { h.app.panes[1].current?.name == "報告書.txt" }
        h.keys(.char("v"))
        let screen = try #require(h.app.overlays.last as? RevisionsScreen)
        #expect(await h.settle { !screen.loading })
        expectSnapshot(h.snapshot(80, 12), """
            """)
        expectSnapshot(h.snapshot(40, 10), """
            """)
    }

    @Test func publinksScreen() async throws {
        let h = try await Harness.ownSandbox()
        defer { Task { await h.finish() } }
        _ = try await h.cloud.testFolder("写真", files: ["猫.png": "not really a picture"], unique: false)
        h.app.active = 1
        h.keys(.ctrl("r"))
        await h.settle { h.app.panes[1].current?.name == "写真" }
        h.keys(.char("p"))
        #expect(await h.settle { h.app.overlays.last is PublinkDialog })
        let link = try #require(h.app.overlays.last as? PublinkDialog).link.link
        h.keys(.escape, .char("P"))
        let screen = try #require(h.app.overlays.last as? PublinksScreen)
        #expect(await h.settle { !screen.loading })
        expectSnapshot(h.snapshot(100, 8, [(link, "LINK")]), """
            """)
        expectSnapshot(h.snapshot(40, 10, [(link, "LINK")]), """
            """)
    }

    @Test func sharesScreen() async throws {
        let h = try await Harness.ownSandbox()
        defer { Task { await h.finish() } }
        _ = try await h.cloud.testFolder("共有フォルダ", unique: false)
        h.app.active = 1
        h.keys(.ctrl("r"))
        await h.settle { h.app.panes[1].current?.name == "共有フォルダ" }
        h.keys(.char("S"))
        h.type("bob@example.com")
        h.keys(.tab, .char(" "), .tab, .char(" "), .tab, .tab, .tab, .enter)
        #expect(await h.settle { h.app.status.text.contains("done") }, "\(h.app.status)")
        h.keys(.char("w"))
        let screen = try #require(h.app.overlays.last as? SharesScreen)
        #expect(await h.settle { !screen.loading })
        expectSnapshot(h.snapshot(100, 8), """
            """)
        expectSnapshot(h.snapshot(40, 10), """
            """)
    }

    @Test func uploadLinksScreenEmptyThenWithALink() async throws {
        let h = try await Harness.ownSandbox()
        defer { Task { await h.finish() } }
        h.keys(.char("U"))
        let screen = try #require(h.app.overlays.last as? UploadLinksScreen)
        #expect(await h.settle { !screen.loading })
        expectSnapshot(h.snapshot(80, 8), """
            """)
        h.keys(.char("n"))
        h.type("写真をここへ")
        h.keys(.enter)
        #expect(await h.settle { !screen.loading && screen.links.count == 1 })
        let link = screen.links[0].link
        expectSnapshot(h.snapshot(80, 8, [(link, "LINK")]), """
            """)
        expectSnapshot(h.snapshot(40, 10, [(link, "LINK")]), """
            """)
    }
}
