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
        #expect(h.app.panesScreen.panes[0].current?.name == "日本語のファイル名.txt")
        h.keys(.f(8))
        expectSnapshot(h.snapshot(box: "Delete", 80, 24), """
            ┌─────────────────────── Delete ────────────────────────┐
            │ Delete “日本語のファイル名.txt”?                      │
            │ It goes to the trash; t opens the trash to restore.   │
            │                                                       │
            │                                                       │
            │                [ Delete ] [ Cancel ]                  │
            └───────────────────────────────────────────────────────┘
            """)
        expectSnapshot(h.snapshot(box: "Delete", 40, 10), """
            ┌────────────── Delete ──────────────┐
            │ Delete “日本語のファイル名.txt”?   │
            │ It goes to the trash; t opens the  │
            │ trash to restore.                  │
            │                                    │
            │                                    │
            │       [ Delete ] [ Cancel ]        │
            └────────────────────────────────────┘
            """)
        h.keys(.escape, .char("s"))
        expectSnapshot(h.snapshot(box: "Sort", 80, 24), """
            ┌─────────────── Sort ────────────────┐
            │ • by name                           │
            │   by size                           │
            │   by modified                       │
            │   by extension                      │
            │ [ ] reverse                         │
            │ [x] folders first                   │
            │ [x] natural order (f2 before f10)   │
            └─────────────────────────────────────┘
            """)
        // Short: the menu scrolls with the selection.
        expectSnapshot(h.snapshot(box: "Sort", 40, 10), """
            ┌─────────────── Sort ───────────────┐
            │ • by name                          │
            │   by size                          │
            │   by modified                      │
            │   by extension                     │
            │ [ ] reverse                        │
            │ [x] folders first                  │
            └────────────────────────────────────┘
            """)
        // The F9 menu scrolls with the selection where the screen is short.
        h.keys(.escape, .f(9), .up, .up)
        expectSnapshot(h.snapshot(box: "Menu", 40, 10), """
            ┌─────────────── Menu ───────────────┐
            │ Screens: Jobs panel                │
            │ Screens: Trash                     │
            │ Screens: Shares                    │
            │ Screens: Public links              │
            │ Screens: Upload links              │
            │ pcmd: Help                         │
            └────────────────────────────────────┘
            """)
        h.keys(.escape)
        #expect(h.app.overlays.isEmpty)
    }

    @Test func inputDialogAndItsLineEditorThenTheConflictDialog() async throws {
        let h = try await Harness.ownSandbox(local: ["報告書.txt": "new content"])
        defer { Task { await h.finish() } }
        _ = try await h.cloud.testFolder("文書", files: ["報告書.txt": "old"], unique: false)
        h.app.panesScreen.active = 1
        h.goTo("/文書")
        h.app.panesScreen.active = 0
        await h.settle { h.app.panesScreen.panes[1].location.path == "/文書" && h.app.panesScreen.panes[1].load == .ready }
        h.keys(.f(5))
        expectSnapshot(h.snapshot(box: "Copy", 80, 24), """
            ┌──────────────────────────────── Copy ────────────────────────────────┐
            │ Copy “報告書.txt” to (SANDBOX):                                      │
            │                                                                      │
            │ /文書                                                                │
            │                                                                      │
            └─Enter ok · Esc cancel────────────────────────────────────────────────┘
            """)
        // Longer than the field: the editor scrolls so the cursor shows.
        h.type("/中文/目录/很长的名字/更长的名字/还要更长的名字")
        expectSnapshot(h.snapshot(box: "Copy", 40, 10), """
            ┌─────────────── Copy ───────────────┐
            │ Copy “報告書.txt” to (SANDBOX):    │
            │                                    │
            │ 的名字/更长的名字/还要更长的名字   │
            │                                    │
            └─Enter ok · Esc cancel──────────────┘
            """)
        // The terminal cursor stands after the last character: 3 + 32 columns in, on the field's row.
        let cursor = h.app.render(width: 40, height: 10).cursor
        #expect(cursor?.0 == 35 && cursor?.1 == 5)
        h.app.handle(.ctrl("u"))
        h.type("/文書")
        h.keys(.enter)
        #expect(await h.settle { h.app.overlays.last is ConflictDialog })
        h.keys(.char("a"), .left)
        expectSnapshot(h.snapshot(box: "Already exists", 80, 24), """
            ┌─────────────────────── Already exists ───────────────────────┐
            │ 報告書.txt                                                   │
            │                                                              │
            │ new:      11 B  YYYY-MM-DD hh:mm:ss                          │
            │ existing: 3 B  YYYY-MM-DD hh:mm:ss  on pCloud                │
            │                                                              │
            │ [x] apply to all conflicts (a)                               │
            │                                                              │
            │ [ Overwrite ] [ Skip ] [ Rename… ] [ Keep both ]             │
            └──────────────────────────────────────────────────────────────┘
            """)
        expectSnapshot(h.snapshot(box: "Already exists", 40, 10), """
            ┌────────── Already exists ──────────┐
            │ 報告書.txt                         │
            │ new:      11 B  Mmm dd hh:mm       │
            │ existing: 3 B  Mmm dd hh:mm        │
            │ [x] apply to all conflicts (a)     │
            │ [ Overwrite ] [ Skip ]             │
            │ [ Rename… ] [ Keep both ]          │
            └────────────────────────────────────┘
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
            ┌ Local:/tmp/pcmd-tui-local-XXXXXXXX ──┐┌ SANDBOX  / ──────────────────────────┐
            │     Name      │     Size│Modified    ││     Name      │     Size│Modified    │
            │ alpha.txt     │      1 B│Mmm dd hh:mm││ (empty folder)                       │
            │ beta.md       │      3 B│Mmm dd hh:mm││               │         │            │
            │               │         │            ││               │         │            │
            │               │         │            ││               │         │            │
            │               │         │            ││               │         │            │
            │               │         │            ││               │         │            │
            │               │         │            ││               │         │            │
            │               │         │            ││               │         │            │
            │               │         │            ││               │         │            │
            │               │         │            ││               │         │            │
            │               │         │            ││               │         │            │
            │               │         │            ││               │         │            │
            │               │         │            ││               │         │            │
            │               │         │            ││               │         │            │
            │               │         │            ││               │         │            │
            │               │         │            ││               │         │            │
            │               │         │            ││               │         │            │
            │               │         │            ││               │         │            │
            │ filter: a · alpha.txt  1 B ──────────││ 0 entries ──────────── 50.0 GiB free │
            └──────────────────────────────────────┘└──────────────────────────────────────┘
             filter: a
            1Help   2Link   3View   4Edit   5Copy   6Move   7Mkdir  8Delete 9Menu   10Quit
            """)
        expectSnapshot(h.snapshot(40, 10), """
            ┌ Local:/tmp…XXXX ─┐┌ SANDBOX  / ──────┐
            │  Name  │     Size││  Name  │     Size│
            │ alp…txt│      1 B││ (empty folder)   │
            │ beta.md│      3 B││        │         │
            │        │         ││        │         │
            │        │         ││        │         │
            │ filter:…xt  1 B ─││ 0 entries ───────│
            └──────────────────┘└──────────────────┘
             filter: a
            1H… 2L… 3V… 4E… 5C… 6M… 7M… 8D… 9M… 10Q…
            """)
        h.keys(.escape, .ctrl("s"))
        h.type("中")
        #expect(h.app.panesScreen.panes[0].current?.name == "中文名字.txt")
        expectSnapshot(h.snapshot(40, 10), """
            ┌ Local:/tmp…XXXX ─┐┌ SANDBOX  / ──────┐
            │  Name  │     Size││  Name  │     Size│
            │ alp…txt│      1 B││ (empty folder)   │
            │ beta.md│      3 B││        │         │
            │ 中….txt│      2 B││        │         │
            │ 🎵 …mp3│      4 B││        │         │
            │ 中文名…txt  2 B ─││ 0 entries ───────│
            └──────────────────┘└──────────────────┘
             jump to: 中
            1H… 2L… 3V… 4E… 5C… 6M… 7M… 8D… 9M… 10Q…
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
            ┌──────────── Find in /tmp/pcmd-tui-local-XXXXXXXX ────────────┐
            │ Name contains, or matches a pattern (*.jpg, IMG_??.*):       │
            │ 報告*                                                        │
            │                                                              │
            │ Kind:         any [image] video  audio  document  archive    │
            │                                                              │
            │ Larger than:  12Q               sizes 10M 1.5G 512k          │
            │ Smaller than:                                                │
            │ Newer than:                     ages 7d 12h 2w, or 2026-01-31│
            │ Older than:                                                  │
            │                                                              │
            │ larger: “12Q” is not a size (10M, 1.5G, 512k)                │
            │ [ Find ] [ Cancel ]   Tab next · Right kind · Enter find     │
            └──────────────────────────────────────────────────────────────┘
            """)
        expectSnapshot(h.snapshot(box: "Find in", 40, 10), """
            ┌ Find in /tmp/pcmd-tui-local-XXXXX… ┐
            │ 報告*                              │
            │ Kind: ← image →                    │
            │ Larger:  12Q     Smaller:          │
            │ Newer:           Older:            │
            │ larger: “12Q” is not a size (10M,… │
            │ [ Find ] [ Cancel ]                │
            └────────────────────────────────────┘
            """)
    }

    @Test func fetchDialogAtTheSmallestSize() async throws {
        let h = try await Harness.ownSandbox()
        defer { Task { await h.finish() } }
        h.app.panesScreen.active = 1
        h.keys(.char("W"))
        h.type("https://example.com/写真.zip  写真.zip")
        expectSnapshot(h.snapshot(box: "Fetch from the web", 40, 10), """
            ┌──────── Fetch from the web ────────┐
            │ pCloud downloads into / — one URL… │
            │ ://example.com/写真.zip  写真.zip  │
            │                                    │
            │ e.g.  https://example.com/debian.… │
            │                                    │
            │ [ Fetch ] [ Cancel ]               │
            └────────────────────────────────────┘
            """)
    }

    @Test func shareDialogThenTheSharesScreen() async throws {
        let h = try await Harness.ownSandbox()
        defer { Task { await h.finish() } }
        _ = try await h.cloud.testFolder("共有フォルダ", unique: false)
        await h.cloudCursor(on: "共有フォルダ")
        h.keys(.char("S"))
        h.type("bob@example.com")
        h.keys(.tab, .char(" "), .tab, .tab, .tab)
        h.type("写真です")
        expectSnapshot(h.snapshot(box: "Share", 80, 24), """
            ┌─────────────────── Share “共有フォルダ” ───────────────────┐
            │ E-mail:                                                    │
            │ bob@example.com                                            │
            │                                                            │
            │ They may: [x] create  [ ] modify  [ ] delete               │
            │                                                            │
            │ Message (optional):                                        │
            │ 写真です                                                   │
            │                                                            │
            │                                                            │
            │ [ Share ] [ Cancel ]  Tab next · Space check · Enter share │
            └────────────────────────────────────────────────────────────┘
            """)
        expectSnapshot(h.snapshot(box: "Share", 40, 10), """
            ┌─────── Share “共有フォルダ” ───────┐
            │ E-mail: bob@example.com            │
            │ [x] create  [ ] modify  [ ] delete │
            │                                    │
            │ Message: 写真です                  │
            │                                    │
            │ [ Share ] [ Cancel ]               │
            └────────────────────────────────────┘
            """)
        // Sent: the offer is on the shares screen.
        h.keys(.enter)
        #expect(await h.settle { h.app.status.text.contains("done") }, "\(h.app.status)")
        let screen = try await h.open(.char("w"), as: SharesScreen.self)
        expectSnapshot(h.snapshot(100, 10), """
            ┌───────────────────────────────────────────── Shares ─────────────────────────────────────────────┐
            │Folder                          State    Direction With                       Permissions         │
            │共有フォルダ                    pending  outgoing  bob@example.com            create              │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            └──────────────────────────────────────────────────────────────────────────────────────────────────┘
             a accept · n decline · c cancel offer · p permissions · x remove · / find · C-r refresh · ? help ·…
            """)
        expectSnapshot(h.snapshot(40, 10), """
            ┌─────────────── Shares ───────────────┐
            │Folder   State    Direction With      │
            │共有…ダ  pending  outgoing  bob@examp…│
            │                                      │
            │                                      │
            │                                      │
            │                                      │
            │                                      │
            └──────────────────────────────────────┘
             a accept · n decline · c cancel offer …
            """)
    }

    @Test func publinkDialogItsQRCodeAndTheExpiryChoices() async throws {
        let h = try await Harness.ownSandbox()
        defer { Task { await h.finish() } }
        try await h.cloud.upload(["報告書.txt": "report"], into: try await h.cloud.stat(.cloudRoot))
        await h.cloudCursor(on: "報告書.txt")
        h.keys(.char("p"))
        #expect(await h.settle { h.app.overlays.last is PublinkDialog })
        let dialog = try #require(h.app.overlays.last as? PublinkDialog)
        // Too small for the code: the dialog says so.
        expectSnapshot(h.snapshot(box: "Public link", 40, 10, [(dialog.link.link, Snapshot.blur(dialog.link.link))]), """
            ┌───── Public link — 報告書.txt ─────┐
            │ https://127.0.0.1…################ │
            │ never expires · 0 downloads        │
            │ (QR code: enlarge the terminal)    │
            │                                    │
            └─ y copy · e expiry · Enter close ──┘
            """)
        h.keys(.char("e"))
        expectSnapshot(h.snapshot(box: "Link expires", 40, 10), """
            ┌─────── Link expires ───────┐
            │ never                      │
            │ 1 day                      │
            │ 7 days                     │
            │ 30 days                    │
            │ other…                     │
            └────────────────────────────┘
            """)
        h.keys(.escape, .escape)
        // The same dialog for a link of fixed text, so the QR code is always the same.
        var fixed = dialog.link
        fixed.link = "https://u.pcloud.link/publink/show?code=XZtest"
        h.app.push(PublinkDialog(link: fixed, name: "報告書.txt"))
        expectSnapshot(h.snapshot(box: "Public link", 80, 30), """
            ┌──────────── Public link — 報告書.txt ────────────┐
            │ https://u.pcloud.link/publink/show?code=XZtest   │
            │ never expires · 0 downloads                      │
            │                                                  │
            │        █▀▀▀▀▀█ ▀ ▄█▄ ▀▀▄█▀▄▀▄ ▀▄ █▀▀▀▀▀█         │
            │        █ ███ █ ▄▄▄▄▀▀▄ ▀▄▄█▄▀ ▀█ █ ███ █         │
            │        █ ▀▀▀ █ █▀▀ █ ▀ ▄█▀█▀██▀  █ ▀▀▀ █         │
            │        ▀▀▀▀▀▀▀ █▄█▄█ █▄█▄█ ▀▄▀▄█ ▀▀▀▀▀▀▀         │
            │        █ ▄▄█ ▀▀█▄█▀ ▄ ▄▄▀ ▀▀▀█▄▀█▀▀▀█▄ ▀         │
            │        ▀█▄█  ▀▀▄ ▀██ ▄▀▀█▄▄▄█▄▀▀█   ▀ █▄         │
            │        ▀ ▄███▀▀█▀▄ ██▀▀▄ ▀▄▀  ▄▀▀▀▄▀█▄           │
            │        █ ▄ ▀█▀  ▄█▄▀▄  ▀█ █▄█ █▄██▀█▄▀▀          │
            │        ▀▄██▄▀▀▀▄▄▄█▀ ▀█▄█  ▀█▀▄▀ ▀ ▀█▄█          │
            │        ▀▄ ▀▀█▀▀▀  ▀▄▀██▄ ▀ ▀ ▄█ █▀█ ▀ ▀          │
            │        █▀▄ ▄█▀▄▄ ▄██ ▀▀▀ ▄▄▄ ▀▄  █▄▀█ █          │
            │          ▄▀▀ ▀▀▀▀▄█▄▀▄█▄██ ▀█▄▀ █    ▀▀▄         │
            │        ▀▀   ▀▀ ▄█▄█ ▄▄▄▄▀▄▀▀▀ ██▀▀▀█ ▄▄          │
            │        █▀▀▀▀▀█ ▀▄▀ ▄  █▀█▄ ▄█▀ █ ▀ █▀ █▄         │
            │        █ ███ █ ▀▀▀ ▀▄▄▀▄ ▀▄▀▄▄ ▀████▀▄█▀         │
            │        █ ▀▀▀ █  ▀  █▀█ ▀▄ █▄▄▄ ▀ █▀▀ ▀           │
            │        ▀▀▀▀▀▀▀ ▀  ▀ ▀ ▀ ▀  ▀▀▀▀▀▀▀     ▀         │
            │                                                  │
            │                                                  │
            └─ y copy URL · e expiry · Enter close ────────────┘
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
