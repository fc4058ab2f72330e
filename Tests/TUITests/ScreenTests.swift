import Commander
import Foundation
import Testing
@testable import TUI

/// Widgets and screens on a real sandbox and a real folder, read back from the canvas.
@Suite(.serialized) @MainActor struct ScreenTests {
    @Test func bothPanesListAndTheSandboxIsLabelled() async throws {
        let h = try await Harness(local: ["alpha.txt": "a", "中文名字.txt": "b", "sub/x": "x"])
        #expect(await h.settle { h.app.panesScreen.panes.allSatisfy { $0.load == .ready } })
        let s = h.screen()
        #expect(s.contains("SANDBOX"))
        #expect(s.contains("alpha.txt") && s.contains("中文名字.txt") && s.contains("/sub"))
        #expect(s.contains("/Documents") && s.contains("README.txt"))
        #expect(s.contains("1Help") && s.contains("10Quit"))
        // CJK name and ASCII name end their Size column at the same screen column.
        let lines = s.split(separator: "\n").map(String.init)
        func sizeColumn(_ name: String) -> Int? {
            lines.first { $0.contains(name) }.flatMap { l in l.range(of: " B")?.lowerBound }.map { i in
                TextWidth.of(String(lines.first { $0.contains(name) }![..<i]))
            }
        }
        #expect(sizeColumn("alpha.txt") != nil && sizeColumn("alpha.txt") == sizeColumn("中文名字.txt"))
    }

    @Test func smallestLayoutAndTooSmall() async throws {
        let h = try await Harness(local: ["a-rather-long-file-name-for-a-narrow-pane.txt": "x"])
        await h.settle { h.app.panesScreen.panes.allSatisfy { $0.load == .ready } }
        let small = h.screen(40, 10)
        #expect(small.split(separator: "\n").count <= 10)
        #expect(small.contains("…"))              // the long name is cut, not wrapped
        #expect(small.contains("1"))              // key bar still there
        #expect(!small.contains("too small"))
        let tiny = h.screen(39, 9)
        #expect(tiny.contains("too small"))
    }

    @Test func navigationMarksFilterAndSort() async throws {
        let h = try await Harness(local: ["b.txt": "bb", "a.txt": "a", "c.jpg": "ccc", ".hidden": "h", "dir/inner.txt": "i"])
        await h.settle { h.app.panesScreen.panes[0].load == .ready }
        let p = h.app.panesScreen.panes[0]
        #expect(p.rows.map { p.entries[$0].name } == ["dir", "a.txt", "b.txt", "c.jpg"])
        h.keys(.char("."))
        #expect(p.rows.count == 5)
        h.keys(.char("."), .end)
        #expect(p.current?.name == "c.jpg")
        h.keys(.char("g"), .char("g"))
        #expect(p.current?.name == "dir")
        // Mark by pattern, invert, selection size in the footer.
        h.keys(.char("+"))
        h.app.handle(.ctrl("u")); h.type("*.txt"); h.keys(.enter)
        #expect(p.markedEntries.map(\.name).sorted() == ["a.txt", "b.txt"])
        #expect(h.screen().contains("2 marked, 3 B"))
        h.keys(.char("*"))
        #expect(p.markedEntries.map(\.name).sorted() == ["c.jpg", "dir"])
        // Filter as you type, Esc drops it.
        h.keys(.char("/")); h.type("jp")
        #expect(p.rows.map { p.entries[$0].name } == ["c.jpg"])
        h.keys(.escape)
        #expect(p.rows.count == 4)
        // Sort by size, reversed: biggest file first after the folder.
        h.keys(.char("s"), .down, .enter)
        h.keys(.char("s"), .down, .down, .down, .enter)
        #expect(p.rows.map { p.entries[$0].name } == ["dir", "c.jpg", "b.txt", "a.txt"])
        // Enter opens the folder, Backspace comes back with the cursor on it.
        h.keys(.home, .enter)
        await h.settle { p.location.path.hasSuffix("/dir") && p.load == .ready }
        #expect(p.current?.name == "inner.txt")
        h.keys(.backspace)
        await h.settle { !p.location.path.hasSuffix("/dir") && p.load == .ready && p.current != nil }
        #expect(p.current?.name == "dir")
        // Quick jump by prefix.
        h.keys(.ctrl("s")); h.type("b"); h.keys(.enter)
        #expect(p.current?.name == "b.txt")
    }

    @Test func copyToTheCloudAsksOnConflictAndShowsTheJob() async throws {
        let h = try await Harness(local: ["report.txt": "new content"])
        let folder = try await h.cloud.testFolder("tui-copy", files: ["report.txt": "old"])
        h.app.panesScreen.active = 1
        h.goTo("/\(folder.name)")
        h.app.panesScreen.active = 0
        await h.settle { h.app.panesScreen.panes.allSatisfy { $0.load == .ready } && h.app.panesScreen.panes[1].location.path == "/\(folder.name)" }
        h.keys(.f(5))
        #expect(h.screen().contains("Copy “report.txt” to (SANDBOX):"))
        h.keys(.enter)
        #expect(await h.settle { h.app.overlays.last is ConflictDialog })
        #expect(h.screen().contains("Already exists") && h.screen().contains("Overwrite"))
        h.keys(.char("o"))
        #expect(await h.settle { h.app.jobs.values.contains { $0.state == .done } && h.app.status.text.contains("done") })
        let text = try await h.cloud.text(.path("/\(folder.name)/report.txt"))
        #expect(String(decoding: text, as: UTF8.self) == "new content")
    }

    @Test func helpAndMenuComeFromTheCommandTable() async throws {
        let h = try await Harness()
        h.keys(.char("?"))
        let help = h.screen(120, 80)
        #expect(help.contains("Copy to other pane") && help.contains("F5") && help.contains("Public link"))
        h.keys(.char("q"), .f(9))
        #expect(h.screen().contains("Menu") && h.screen().contains("pCloud: Public link"))
        h.keys(.escape)
        #expect(h.app.overlays.isEmpty)
    }

    @Test func errorsShowTheCodeAndAHint() async throws {
        let h = try await Harness()
        h.app.panesScreen.active = 1
        h.goTo("/no-such-folder-here")
        #expect(await h.settle { h.app.status.error })
        #expect(h.app.status.text.contains("2005"))
        #expect(h.screen().contains("C-r refreshes"))
    }

    /// A hint names the key bound where it shows: the status line's and the jobs panel's the
    /// panes' (rebound here), a list screen's its own.
    @Test func errorHintsNameTheKeyAsRebound() async throws {
        let h = try await Harness(keymap: KeymapConfig(panes: ["C-l": "refresh"], contexts: ["list": ["C-x": "refresh"]]))
        let folder = try await h.cloud.testFolder("tui-hint", files: ["gone.txt": "g"])
        h.app.panesScreen.active = 1
        h.goTo("/\(folder.name)")
        let p = h.app.panesScreen.panes[1]
        await h.settle { p.load == .ready && p.current?.name == "gone.txt" }
        // Gone behind the pane's back: renaming it fails with 2009.
        let gone = try #require(p.current)
        try await h.cloud.delete(gone.ref, permanent: true)
        h.keys(.char("r"))
        h.type("still.txt")
        h.keys(.enter)
        #expect(await h.settle { h.app.status.error && h.app.jobs.values.contains { $0.state == .failed } }, "\(h.app.status)")
        #expect(h.app.status.text.contains("— C-l refreshes"), "\(h.app.status)")
        h.keys(.char("J"))
        #expect(h.screen(160, 30).contains("— C-l refreshes"))
        h.keys(.escape)
        // A list screen's own problem line: the revisions of the file now gone.
        h.app.push(RevisionsScreen(app: h.app, pane: p, file: gone))
        let screen = try #require(h.app.overlays.last as? RevisionsScreen)
        #expect(await h.settle { screen.problem != nil })
        #expect(screen.problem?.contains("— C-x refreshes") == true, "\(screen.problem ?? "")")
        #expect(!h.screen().contains("Ctrl-R"))
    }

    @Test func trashScreenRestoresInPlace() async throws {
        let h = try await Harness()
        let folder = try await h.cloud.testFolder("tui-trash", files: ["gone.txt": "bye"])
        h.app.panesScreen.active = 1
        h.goTo("/\(folder.name)")
        await h.settle { h.app.panesScreen.panes[1].current?.name == "gone.txt" }
        h.keys(.f(8))
        #expect(h.screen().contains("goes to pCloud's trash"))
        h.keys(.char("d"))
        #expect(await h.settle { h.app.status.text.contains("done") && h.app.panesScreen.panes[1].load == .ready && h.app.panesScreen.panes[1].rows.isEmpty },
                "\(h.app.status)")
        let trash = try await h.open(.char("t"), as: TrashScreen.self, until: { $0.entries.contains { $0.name == "gone.txt" } })
        trash.cursor = trash.entries.firstIndex { $0.name == "gone.txt" }!
        #expect(h.screen().contains("gone.txt"))
        h.keys(.char("r"))
        #expect(await h.settle { h.app.status.text.contains("restore gone.txt: done") })
        #expect(try await h.cloud.list(folder.ref).map(\.name) == ["gone.txt"])
    }

    @Test func theCloudPaneFollowsChangesMadeElsewhere() async throws {
        let h = try await Harness()
        let folder = try await h.cloud.testFolder("tui-live")
        h.app.panesScreen.active = 1
        h.goTo("/\(folder.name)")
        await h.settle { h.app.panesScreen.panes[1].load == .ready && h.app.panesScreen.panes[1].location.path == "/\(folder.name)" }
        // Another client (here: the test itself) adds a folder; no key is pressed.
        _ = try await Env.cloud().mkdir("made-elsewhere", in: folder.ref)
        #expect(await h.settle { h.app.panesScreen.panes[1].entries.contains { $0.name == "made-elsewhere" } })
        #expect(h.screen().contains("/made-elsewhere"))
    }

    @Test func viewingAnImageDrawsItsThumbnailInHalfBlocks() async throws {
        let h = try await Harness(cloudStart: "/Photos")
        h.app.panesScreen.active = 1
        await h.settle { h.app.panesScreen.panes[1].entries.contains { $0.name == "猫の写真.png" } }
        _ = h.app.panesScreen.panes[1].jump(prefix: "猫")
        h.keys(.f(3))
        let viewer = try #require(h.app.overlays.last as? TextViewer)
        #expect(await h.settle { !viewer.picture.isEmpty })
        let cells = viewer.picture.flatMap { $0 }
        #expect(cells.allSatisfy { $0.text == "▀" })
        // A gradient: more than a handful of distinct colours.
        #expect(Set(cells.map(\.style.fg)).count > 4)
        h.keys(.char("q"))
        // A text file opens as text (gettextfile).
        h.goTo("/中文资料")
        await h.settle { h.app.panesScreen.panes[1].entries.contains { $0.name == "说明.txt" } }
        _ = h.app.panesScreen.panes[1].jump(prefix: "说明")
        h.keys(.f(3))
        #expect(await h.settle { h.screen().contains("这是一个演示文件。") })
    }

    /// F2, as the key bar says (p too).
    @Test func markedFilesGetOneTreeLink() async throws {
        let h = try await Harness()
        let folder = try await h.cloud.testFolder("tui-tree", files: ["one.txt": "1", "two.txt": "2", "three.txt": "3"])
        h.app.panesScreen.active = 1
        h.goTo("/\(folder.name)")
        await h.settle { h.app.panesScreen.panes[1].rows.count == 3 }
        h.keys(.char(" "), .char(" "))
        h.keys(.f(2))
        #expect(await h.settle { h.app.overlays.last is PublinkDialog })
        let dialog = try #require(h.app.overlays.last as? PublinkDialog)
        #expect(h.screen().contains(dialog.link.link))
        #expect(!dialog.qr.isEmpty)
        let code = dialog.link.code
        // The link shows exactly the two marked files.
        let links = try await h.cloud.publinks()
        #expect(links.contains { $0.code == code })
    }

    @Test func mouseClicksSelectDoubleClickOpensWheelScrolls() async throws {
        let h = try await Harness(local: ["a.txt": "a", "b.txt": "b", "dir/c.txt": "c"])
        await h.settle { h.app.panesScreen.panes.allSatisfy { $0.load == .ready } }
        _ = h.screen(100, 30)
        // Row 3 of the right pane (y = 2 is its first entry).
        h.keys(.mouse(MouseEvent(.click, x: 60, y: 4)))
        #expect(h.app.panesScreen.active == 1 && h.app.panesScreen.panes[1].cursor == 2)
        h.keys(.mouse(MouseEvent(.wheelDown, x: 60, y: 4)))
        #expect(h.app.panesScreen.panes[1].cursor == 5)
        // Double-click on the local "dir" (first row) opens it.
        h.keys(.mouse(MouseEvent(.doubleClick, x: 5, y: 2)))
        #expect(h.app.panesScreen.active == 0)
        #expect(await h.settle { h.app.panesScreen.panes[0].location.path.hasSuffix("/dir") && h.app.panesScreen.panes[0].current?.name == "c.txt" })
    }
}

@MainActor
@Suite struct BookmarkTests {
    @Test func bookmarksOutliveTheApp() async throws {
        let file = try Env.scratch().appendingPathComponent("data/pcmd/bookmarks")
        let first = try await Harness(local: ["deep/x.txt": "x"], bookmarks: file)
        let p = first.app.panesScreen.panes[0]
        await first.settle { p.load == .ready }
        first.reload(p, to: p.location.child("deep"))
        await first.settle { p.load == .ready && p.current?.name == "x.txt" }
        first.keys(.char("b")); first.type("w"); first.keys(.enter)
        #expect(first.app.status.text.contains("bookmarked") && !first.app.status.error)
        #expect(try String(contentsOf: file, encoding: .utf8) == "local:w\t\(first.local.path)/deep\n")

        let second = try await Harness(bookmarks: file)
        let q = second.app.panesScreen.panes[0]
        await second.settle { q.load == .ready }
        second.keys(.char("'"))
        #expect(second.screen().contains("w  \(first.local.path)/deep"))
        second.keys(.enter)
        #expect(await second.settle { q.location.path == first.local.path + "/deep" && q.current?.name == "x.txt" })
    }
}

@MainActor
@Suite struct FindPanelTests {
    @Test func findOnDiskShowsAPanelToBrowseMarkAndCopyFrom() async throws {
        let h = try await Harness(local: ["a/report.txt": "r1", "a/b/Report-2.md": "r2", "c/other.txt": "o"])
        let folder = try await h.cloud.testFolder("tui-find")
        h.app.panesScreen.active = 1
        h.goTo("/\(folder.name)")
        h.app.panesScreen.active = 0
        await h.settle { h.app.panesScreen.panes.allSatisfy { $0.load == .ready } }
        let p = h.app.panesScreen.panes[0]

        h.keys(.char("f"))
        #expect(h.screen().contains("Find in") && h.screen().contains("Kind:") && h.screen().contains("Larger than:"))
        h.type("report[")
        h.keys(.enter)
        #expect(h.app.overlays.last is FindDialog && h.screen().contains("no closing"))
        h.keys(.backspace, .enter)
        #expect(await h.settle { p.found?.searching == false })
        #expect(p.rows.map { p.shownName(p.entries[$0]) }.sorted() == ["a/b/Report-2.md", "a/report.txt"])
        let screen = h.screen()
        #expect(screen.contains("find “report” in") && screen.contains("2 found"), "\(screen)")

        // Results take every normal action: copy the marked one to the cloud pane's folder.
        h.keys(.home)
        let first = try #require(p.current)
        h.keys(.char(" "), .f(5), .enter)
        #expect(await h.settle { h.app.jobs.values.contains { $0.state == .done } })
        #expect(try await h.cloud.list(folder.ref).map(\.name) == [first.name])

        // Enter goes to the file in its own folder; Backspace from a panel goes back to the folder searched.
        h.keys(.home, .enter)
        #expect(await h.settle { p.found == nil && p.load == .ready && p.current?.name == first.name })
        #expect(p.location.path == (first.path! as NSString).deletingLastPathComponent)
        h.reload(p, to: .path(h.local.path))
        await h.settle { p.load == .ready }
        h.keys(.char("f")); h.type("*.txt"); h.keys(.enter)
        #expect(await h.settle { p.found?.searching == false && p.rows.count == 2 })
        h.keys(.backspace)
        #expect(await h.settle { p.found == nil && p.load == .ready })
        #expect(p.location.path == h.local.path)
    }

    @Test func aSecondCloudFindIsAnsweredFromTheIndex() async throws {
        let h = try await Harness()
        let folder = try await h.cloud.testFolder("tui-index", files: ["plan.txt": "t", "photo.jpg": "j"])
        let deep = try await h.cloud.mkdir("er", in: try await h.cloud.mkdir("deep", in: folder.ref).ref)
        let src = try Env.scratch(["Plan.pdf": "p"])
        try await JobQueue().perform(.copy([Item(LocalDrive(), .path(src.path + "/Plan.pdf"))], into: Item(h.cloud, deep.ref)))
        h.app.panesScreen.active = 1
        h.goTo("/\(folder.name)")
        let p = h.app.panesScreen.panes[1]
        await h.settle { p.load == .ready && p.location.path == "/\(folder.name)" }
        // The app's change feed keeps the index current; before it runs, a find lists again.
        while await !h.cloud.index.isFollowing { try await Task.sleep(for: .milliseconds(10)) }
        h.keys(.char("f")); h.type("plan"); h.keys(.enter)
        #expect(await h.settle { p.found?.searching == false })
        #expect(p.rows.map { p.shownName(p.entries[$0]) }.sorted() == ["deep/er/Plan.pdf", "plan.txt"])
        let builds = await h.cloud.index.stats?.builds
        // By kind this time: no listing, the index answers.
        h.keys(.backspace)
        await h.settle { p.found == nil && p.load == .ready }
        h.keys(.char("f")); h.type("*"); h.keys(.tab, .right, .enter)
        #expect(await h.settle { p.found?.searching == false })
        #expect(p.rows.map { p.entries[$0].name } == ["photo.jpg"])
        #expect(await h.cloud.index.stats?.builds == builds)
    }
}
