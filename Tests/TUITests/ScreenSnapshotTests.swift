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
        #expect(await h.settle { viewer.lines.count == 5 })
        expectSnapshot(h.snapshot(80, 24), """
            ┌────────────────────────────── Local: 説明.txt ───────────────────────────────┐
            │第一行：中文和日本語のテキスト                                                │
            │    indented by a tab                                                         │
            │long line long line long line long line long line long line long line long lin│
            │🎵 emoji line                                                                 │
            │last                                                                          │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └──────────────────────────────────────────────────────────────────────────────┘
             1/5 · / search · n next · q close
            """)
        h.keys(.char("/"))
        h.type("emoji")
        expectSnapshot(h.snapshot(40, 10), """
            ┌────────── Local: 説明.txt ───────────┐
            │第一行：中文和日本語のテキスト        │
            │    indented by a tab                 │
            │long line long line long line long lin│
            │🎵 emoji line                         │
            │last                                  │
            │                                      │
            │                                      │
            └──────────────────────────────────────┘
            /emoji
            """)
        h.keys(.enter)
        #expect(viewer.found == 3)
        expectSnapshot(h.snapshot(40, 10), """
            ┌────────── Local: 説明.txt ───────────┐
            │    indented by a tab                 │
            │long line long line long line long lin│
            │🎵 emoji line                         │
            │last                                  │
            │                                      │
            │                                      │
            │                                      │
            └──────────────────────────────────────┘
             2/5 · / search · n next · q close
            """)
    }

    @Test func halfBlockThumbnailInTheViewer() async throws {
        // The demo tree's picture, on the shared sandbox.
        let h = try await Harness(cloudStart: "/Photos")
        h.app.panesScreen.active = 1
        await h.settle { h.app.panesScreen.panes[1].entries.contains { $0.name == "猫の写真.png" } }
        _ = h.app.panesScreen.panes[1].jump(prefix: "猫")
        _ = h.screen(80, 24)   // the viewer sizes the picture for the last frame
        h.keys(.f(3))
        let viewer = try #require(h.app.overlays.last as? TextViewer)
        #expect(await h.settle { !viewer.picture.isEmpty })
        expectSnapshot(h.snapshot(80, 24), """
            ┌─────────────────────────── SANDBOX: 猫の写真.png ────────────────────────────┐
            │▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀                                              │
            │▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀                                              │
            │▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀                                              │
            │▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀                                              │
            │▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀                                              │
            │▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀                                              │
            │▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀                                              │
            │▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀                                              │
            │▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀                                              │
            │▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀                                              │
            │▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀                                              │
            │▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀                                              │
            │▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀                                              │
            │▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀                                              │
            │▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀                                              │
            │▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀                                              │
            │猫の写真.png — 6.86 KiB, thumbnail from pCloud                                │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └──────────────────────────────────────────────────────────────────────────────┘
             1/1 · / search · n next · q close
            """)
        // Two pixels a cell: the upper one as the colour of the glyph, the lower one behind it.
        let cells = viewer.picture.flatMap { $0 }
        #expect(cells.allSatisfy { $0.text == "▀" })
        #expect(Set(cells.map(\.style.fg)).count > 4 && Set(cells.map(\.style.bg)).count > 4)
        #expect(cells.contains { $0.style.fg != $0.style.bg })
        // At 40×10 the picture is as small as the rows left for it.
        h.keys(.char("q"))
        _ = h.screen(40, 10)
        h.keys(.f(3))
        let small = try #require(h.app.overlays.last as? TextViewer)
        #expect(await h.settle { !small.picture.isEmpty })
        expectSnapshot(h.snapshot(40, 10), """
            ┌─────── SANDBOX: 猫の写真.png ────────┐
            │▀▀▀▀                                  │
            │▀▀▀▀                                  │
            │猫の写真.png — 6.86 KiB, thumbnail fro│
            │                                      │
            │                                      │
            │                                      │
            │                                      │
            └──────────────────────────────────────┘
             1/1 · / search · n next · q close
            """)
    }

    @Test func helpScreen() async throws {
        let h = try await Harness.ownSandbox()
        defer { Task { await h.finish() } }
        h.keys(.char("?"))
        expectSnapshot(h.snapshot(80, 24), """
            ┌──────────────────────────────────── Help ────────────────────────────────────┐
            │pcmd — a two-pane file manager for pCloud. Local files on the left, your pClou│
            │Keys are mc's F-keys and vim's letters side by side; both work everywhere.    │
            │Every screen and dialog has its own keys: ? (or F1) there lists them.         │
            │                                                                              │
            │── Move ──────────────────────────────────────────────                        │
            │  Up  k                  Cursor up   (up)                                     │
            │  Down  j                Cursor down   (down)                                 │
            │  PgUp  C-b              Page up   (page-up)                                  │
            │  PgDn  C-f              Page down   (page-down)                              │
            │  Home  g g              First entry   (top)                                  │
            │  End  G                 Last entry   (bottom)                                │
            │  Enter  Right  l        Open folder / view file   (open)                     │
            │  Backspace  Left  h     Parent folder   (parent)                             │
            │  Tab  S-Tab             Other pane   (other-pane)                            │
            │  H  M-Left              Back in history   (back)                             │
            │  L  M-Right             Forward in history   (forward)                       │
            │  g                      Go to path   (go-to)                                 │
            │  b                      Bookmark this folder   (bookmark-add)                │
            │  '                      Jump to a bookmark   (bookmark-jump)                 │
            │  C-r                    Refresh   (refresh)                                  │
            │                                                                              │
            └──────────────────────────────────────────────────────────────────────────────┘
             1/64 · / search · n next · q close
            """)
        h.keys(.pageDown)
        expectSnapshot(h.snapshot(40, 10), """
            ┌──────────────── Help ────────────────┐
            │── Mark & view ───────────────────────│
            │  Ins  Space             Mark / unmark│
            │  *                      Invert marks │
            │  +                      Mark by patte│
            │  -                      Unmark by pat│
            │  /                      Filter (as yo│
            │  C-s                    Quick jump by│
            └──────────────────────────────────────┘
             22/64 · / search · n next · q close
            """)
    }

    @Test func jobsPanelWithItsCursor() async throws {
        let h = try await Harness.ownSandbox(local: ["中文.txt": "0123456789", "b.txt": "b"])
        defer { Task { await h.finish() } }
        h.keys(.char(" "), .char(" "), .f(5), .enter)
        #expect(await h.settle { h.app.status.text.contains("done") })
        await h.settle { h.app.panesScreen.panes.allSatisfy { $0.load == .ready } && h.app.panesScreen.panes[1].rows.count == 2 }
        h.keys(.char("J"))
        #expect(h.app.overlays.last is JobsScreen)
        expectSnapshot(h.snapshot(80, 24), """
            ┌ Local:/tmp/pcmd-tui-local-XXXXXXXX ──┐┌ SANDBOX  / ──────────────────────────┐
            │     Name      │     Size│Modified    ││     Name      │     Size│Modified    │
            │ b.txt         │      1 B│Mmm dd hh:mm││ b.txt         │      1 B│Mmm dd hh:mm│
            │ 中文.txt      │     10 B│Mmm dd hh:mm││ 中文.txt      │     10 B│Mmm dd hh:mm│
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
            │ 中文.txt  10 B ──────────────────────││ b.txt  1 B ─────────── 50.0 GiB free │
            └──────────────────────────────────────┘└──────────────────────────────────────┘
            ┌──────────────────────────────────── Jobs ────────────────────────────────────┐
            │#1 done      Copy b.txt to pCloud /                          1 B/1 B          │
            │#2 done      Copy 中文.txt to pCloud /                       10 B/10 B        │
            │                                                                              │
            │                                                                              │
            └──────────────────────────────────────────────────────────────────────────────┘
             copy 2 items: done
             c cancel · p pause · s resume · r retry · d drop · b limit · x clear · J close
            """)
        // Narrow: whole keys only, and the help key for the rest (no key cut).
        expectSnapshot(h.snapshot(40, 10), """
            ┌──────────────── Jobs ────────────────┐
            │#1 done      Copy b.txt … 1 B/1 B     │
            │#2 done      Copy 中文.t… 10 B/10 B   │
            │                                      │
            │                                      │
            │                                      │
            │                                      │
            └──────────────────────────────────────┘
             copy 2 items: done
             c cancel · p pause · s resume · ? more
            """)
        h.keys(.char("J"))
        #expect(h.app.overlays.isEmpty)
        // While a job runs, the line above the status line sums it up (the last job as the queue
        // reports one part-way, so that the figures hold still).
        var running = try #require(h.app.jobs.values.max { $0.id < $1.id })
        running.state = .running
        running.bytesDone = 5
        running.rate = 2048
        running.eta = 83
        h.app.jobUpdated(running)
        expectSnapshot(h.snapshot(80, 24), """
            ┌ Local:/tmp/pcmd-tui-local-XXXXXXXX ──┐┌ SANDBOX  / ──────────────────────────┐
            │     Name      │     Size│Modified    ││     Name      │     Size│Modified    │
            │ b.txt         │      1 B│Mmm dd hh:mm││ b.txt         │      1 B│Mmm dd hh:mm│
            │ 中文.txt      │     10 B│Mmm dd hh:mm││ 中文.txt      │     10 B│Mmm dd hh:mm│
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
            │ 中文.txt  10 B ──────────────────────││ b.txt  1 B ─────────── 50.0 GiB free │
            └──────────────────────────────────────┘└──────────────────────────────────────┘
             ⠋ Copy 中文.txt to pCloud /     ·····  5 B/10 B  2.00 KiB/s  ETA 1:23 · J jobs
             copy 2 items: done
            1Help   2Link   3View   4Edit   5Copy   6Move   7Mkdir  8Delete 9Menu   10Quit
            """)
        expectSnapshot(h.snapshot(40, 10), """
            ┌ Local:/tmp…XXXX ─┐┌ SANDBOX  / ──────┐
            │  Name  │     Size││  Name  │     Size│
            │ b.txt  │      1 B││ b.txt  │      1 B│
            │ 中….txt│     10 B││ 中….txt│     10 B│
            │        │         ││        │         │
            │ 中文.txt  10 B ──││ b.txt  1 B ──────│
            └──────────────────┘└──────────────────┘
             ⠋ Copy … 5 B/10 B  2.00 KiB/s  ETA 1:2…
             copy 2 items: done
            1H… 2L… 3V… 4E… 5C… 6M… 7M… 8D… 9M… 10Q…
            """)
    }
    @Test func revisionsScreen() async throws {
        let h = try await Harness.ownSandbox()
        defer { Task { await h.finish() } }
        let folder = try await h.cloud.testFolder("文書", files: ["報告書.txt": "version 1"], unique: false)
        try await h.cloud.upload(["報告書.txt": "version 2 is longer"], into: folder)
        try await h.cloud.upload(["報告書.txt": "version 3"], into: folder)
        h.app.panesScreen.active = 1
        h.goTo("/文書")
        await h.settle { h.app.panesScreen.panes[1].current?.name == "報告書.txt" }
        let screen = try await h.open(.char("v"), as: RevisionsScreen.self)
        expectSnapshot(h.snapshot(80, 12), """
            ┌─────────────────────────── Revisions — 報告書.txt ───────────────────────────┐
            │Revision           Size Created              Hash                             │
            │2                  19 B YYYY-MM-DD hh:mm:ss  4638640458301307954              │
            │1                   9 B YYYY-MM-DD hh:mm:ss  6388156487056808125              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └──────────────────────────────────────────────────────────────────────────────┘
             Enter view · D download to local pane · R revert to this · / find · C-r refres…
            """)
        expectSnapshot(h.snapshot(40, 10), """
            ┌─────── Revisions — 報告書.txt ───────┐
            │Revision           Size Hash          │
            │2                  19 B 4638640…307954│
            │1                   9 B 6388156…808125│
            │                                      │
            │                                      │
            │                                      │
            │                                      │
            └──────────────────────────────────────┘
             Enter view · D download to local pane …
            """)
    }

    @Test func publinksScreen() async throws {
        let h = try await Harness.ownSandbox()
        defer { Task { await h.finish() } }
        _ = try await h.cloud.testFolder("写真", files: ["猫.png": "not really a picture"], unique: false)
        await h.cloudCursor(on: "写真")
        h.keys(.char("p"))
        #expect(await h.settle { h.app.overlays.last is PublinkDialog })
        let link = try #require(h.app.overlays.last as? PublinkDialog).link.link
        h.keys(.escape)
        let screen = try await h.open(.char("P"), as: PublinksScreen.self)
        expectSnapshot(h.snapshot(100, 10, [(link, Snapshot.blur(link))]), """
            ┌────────────────────────────────────────── Public links ──────────────────────────────────────────┐
            │Name                                                          Downloads   Traffic Expires         │
            │写真/                                                                 0       0 B never           │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            └──────────────────────────────────────────────────────────────────────────────────────────────────┘
             Enter show & QR · y copy URL · e expiry · d delete · / find · C-r refresh · ? help · q close
            """)
        expectSnapshot(h.snapshot(40, 10, [(link, Snapshot.blur(link))]), """
            ┌──────────── Public links ────────────┐
            │Name     Downloads   Traffic Expires  │
            │写真/            0       0 B never    │
            │                                      │
            │                                      │
            │                                      │
            │                                      │
            │                                      │
            └──────────────────────────────────────┘
             Enter show & QR · y copy URL · e expir…
            """)
    }

    @Test func uploadLinksScreenEmptyThenWithALink() async throws {
        let h = try await Harness.ownSandbox()
        defer { Task { await h.finish() } }
        let screen = try await h.open(.char("U"), as: UploadLinksScreen.self)
        expectSnapshot(h.snapshot(80, 10), """
            ┌──────────────────────────────── Upload links ────────────────────────────────┐
            │Link                                            Comment                       │
            │ (nothing here)                                                               │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └──────────────────────────────────────────────────────────────────────────────┘
             n new for the cloud pane's folder · y copy URL · d delete · / find · C-r refre…
            """)
        h.keys(.char("n"))
        h.type("写真をここへ")
        h.keys(.enter)
        #expect(await h.settle { !screen.loading && screen.links.count == 1 })
        let link = screen.links[0].link
        expectSnapshot(h.snapshot(80, 10, [(link, Snapshot.blur(link))]), """
            ┌──────────────────────────────── Upload links ────────────────────────────────┐
            │Link                                            Comment                       │
            │https://127.0.0.1:#####…####################### 写真をここへ                  │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └──────────────────────────────────────────────────────────────────────────────┘
             create upload link: done
            """)
        expectSnapshot(h.snapshot(40, 10, [(link, Snapshot.blur(link))]), """
            ┌──────────── Upload links ────────────┐
            │Link     Comment                      │
            │http…### 写真をここへ                 │
            │                                      │
            │                                      │
            │                                      │
            │                                      │
            │                                      │
            └──────────────────────────────────────┘
             create upload link: done
            """)
    }
}
