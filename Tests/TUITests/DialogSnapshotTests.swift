import Commander
import Foundation
import Testing
@testable import TUI

/// Every dialog as the keys open it, at a usual size and at the smallest (40×10), as exact text.
@MainActor
@Suite struct DialogSnapshotTests {
    @Test func choiceDialogAsButtonsAndAsMenus() async throws {
        let h = try await Harness.ownSandbox(local: ["a.txt": "a", "日本語のファイル名.txt": "x"])
        defer { Task { await h.finish() } }
        h.keys(.down)
        #expect(h.app.panes[0].current?.name == "日本語のファイル名.txt")
        h.keys(.f(8))
        expectSnapshot(h.snapshot(box: "Delete", 80, 24), """
            """)
        expectSnapshot(h.snapshot(box: "Delete", 40, 10), """
            """)
        h.keys(.escape, .char("s"))
        expectSnapshot(h.snapshot(box: "Sort", 80, 24), """
            """)
        expectSnapshot(h.snapshot(box: "Sort", 40, 10), """
            """)
        // The F9 menu scrolls with the selection where the screen is short.
        h.keys(.escape, .f(9), .up, .up)
        expectSnapshot(h.snapshot(box: "Menu", 40, 10), """
            """)
        h.keys(.escape)
        #expect(h.app.overlays.isEmpty)
    }

    @Test func inputDialogAndItsLineEditorThenTheConflictDialog() async throws {
        let h = try await Harness.ownSandbox(local: ["報告書.txt": "new content"])
        defer { Task { await h.finish() } }
        _ = try await h.cloud.testFolder("文書", files: ["報告書.txt": "old"], unique: false)
        h.app.active = 1
        h.app.goTo("/文書")
        h.app.active = 0
        await h.settle { h.app.panes[1].location.path == "/文書" && h.app.panes[1].load == .ready }
        h.keys(.f(5))
        expectSnapshot(h.snapshot(box: "Copy", 80, 24), """
            """)
        // Longer than the field: the editor scrolls so the cursor shows.
        h.type("/中文/目录/很长的名字/更长的名字/还要更长的名字")
        expectSnapshot(h.snapshot(box: "Copy", 40, 10), """
            """)
        h.app.handle(.ctrl("u"))
        h.type("/文書")
        h.keys(.enter)
        #expect(await h.settle { h.app.overlays.last is ConflictDialog })
        h.keys(.char("a"), .left)
        expectSnapshot(h.snapshot(box: "Already exists", 80, 24), """
            """)
        expectSnapshot(h.snapshot(box: "Already exists", 40, 10), """
            """)
        h.keys(.char("s"))
        #expect(await h.settle { h.app.status.text.contains("done") })
    }

    @Test func filterAndJumpBars() async throws {
        let h = try await Harness.ownSandbox(local: ["alpha.txt": "a", "中文名字.txt": "bb", "beta.md": "ccc", "🎵 song.mp3": "dddd"])
        defer { Task { await h.finish() } }
        h.keys(.char("/"))
        h.type("a")
        expectSnapshot(h.snapshot(80, 24), """
            """)
        expectSnapshot(h.snapshot(40, 10), """
            """)
        h.keys(.escape, .ctrl("s"))
        h.type("中")
        #expect(h.app.panes[0].current?.name == "中文名字.txt")
        expectSnapshot(h.snapshot(40, 10), """
            """)
    }

    @Test func findDialogWithAProblem() async throws {
        let h = try await Harness.ownSandbox()
        defer { Task { await h.finish() } }
        h.keys(.char("f"))
        h.type("報告*")
        h.keys(.tab, .right, .tab)
        h.type("12Q")
        h.keys(.enter)
        #expect(h.app.overlays.last is FindDialog)
        expectSnapshot(h.snapshot(box: "Find in", 80, 24), """
            """)
        expectSnapshot(h.snapshot(box: "Find in", 40, 10), """
            """)
    }

    @Test func fetchDialogAtTheSmallestSize() async throws {
        let h = try await Harness.ownSandbox()
        defer { Task { await h.finish() } }
        h.app.active = 1
        h.keys(.char("W"))
        h.type("https://example.com/写真.zip  写真.zip")
        expectSnapshot(h.snapshot(box: "Fetch from the web", 40, 10), """
            """)
    }

    @Test func shareDialog() async throws {
        let h = try await Harness.ownSandbox()
        defer { Task { await h.finish() } }
        _ = try await h.cloud.testFolder("共有フォルダ", unique: false)
        h.app.active = 1
        h.keys(.ctrl("r"))
        await h.settle { h.app.panes[1].current?.name == "共有フォルダ" }
        h.keys(.char("S"))
        h.type("bob@example.com")
        h.keys(.tab, .char(" "), .tab, .tab, .tab)
        h.type("写真です")
        expectSnapshot(h.snapshot(box: "Share", 80, 24), """
            """)
        expectSnapshot(h.snapshot(box: "Share", 40, 10), """
            """)
    }

    @Test func publinkDialogItsQRCodeAndTheExpiryChoices() async throws {
        let h = try await Harness.ownSandbox()
        defer { Task { await h.finish() } }
        try await h.cloud.upload(["報告書.txt": "report"], into: try await h.cloud.stat(.cloudRoot))
        h.app.active = 1
        h.keys(.ctrl("r"))
        await h.settle { h.app.panes[1].current?.name == "報告書.txt" }
        h.keys(.char("p"))
        #expect(await h.settle { h.app.overlays.last is PublinkDialog })
        let dialog = try #require(h.app.overlays.last as? PublinkDialog)
        // Too small for the code: the dialog says so.
        expectSnapshot(h.snapshot(box: "Public link", 40, 10, [(dialog.link.link, "LINK")]), """
            """)
        h.keys(.char("e"))
        expectSnapshot(h.snapshot(box: "Link expires", 40, 10), """
            """)
        h.keys(.escape, .escape)
        // The same dialog for a link of fixed text, so the QR code is always the same.
        var fixed = dialog.link
        fixed.link = "https://u.pcloud.link/publink/show?code=XZtest"
        h.app.push(PublinkDialog(link: fixed, name: "報告書.txt"))
        expectSnapshot(h.snapshot(box: "Public link", 80, 30), """
            """)
    }
}

@Suite struct WrapTests {
    @Test func wrapsBetweenWordsByColumnsAndBreaksWhatIsTooLong() {
        #expect(TextWidth.wrap("It goes to the trash; t opens it.", 12) == ["It goes to", "the trash; t", "opens it."])
        // CJK counts two columns a character; a run without spaces breaks at the edge.
        #expect(TextWidth.wrap("削除 日本語のファイル名.txt", 10) == ["削除", "日本語のフ", "ァイル名.t", "xt"])
        #expect(TextWidth.wrap("", 5) == [""])
    }
}
