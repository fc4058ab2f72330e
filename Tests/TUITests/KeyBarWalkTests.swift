import Commander
import Foundation
import Testing
@testable import TUI

/// The key bars are made from the table; pressing each key they show does what it says.
@Suite(.serialized) @MainActor struct KeyBarWalkTests {
    /// Presses a key as the table writes it (`C-r`, `g g`).
    func press(_ h: Harness, _ name: String) {
        for part in name.split(separator: " ") { h.app.handle(Key(name: String(part))!) }
    }

    func bottomLine(_ h: Harness, _ w: Int = 160) -> String {
        h.screen(w, 30).split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
    }

    @Test func everyFKeyOfThePanesKeyBarDoesWhatItShows() async throws {
        let h = try await Harness(local: ["walk.txt": "walk"])
        let folder = try await h.cloud.testFolder("tui-walk", files: ["link-me.txt": "linked"])
        h.app.panesScreen.active = 1
        h.goTo("/\(folder.name)")
        await h.settle { h.app.panesScreen.panes.allSatisfy { $0.load == .ready } && h.app.panesScreen.panes[1].current?.name == "link-me.txt" }
        await walkFKeys(h, .panes)
    }

    /// Presses F1…F10 as the bar under the panes shows them in `context` and checks each one's
    /// effect on the active pane's current file; `after` runs after each key.
    func walkFKeys(_ h: Harness, _ context: KeyContext, after: @MainActor () -> Void = {}) async {
        let bar = KeyBar.fKeys(h.app.keymap, context)
        let line = bottomLine(h, 100)
        for (i, item) in bar.enumerated() { #expect(line.contains("\(i + 1)\(item.label)"), "\(line)") }
        func top<T>(_ type: T.Type) -> T? { h.app.overlays.last as? T }
        let file = h.app.panesScreen.pane.current
        let effects: [Command: @MainActor () async -> Bool] = [
            .help: { top(TextViewer.self).map { $0.isHelp && $0.lines.contains { $0.contains("Copy to other pane") } } == true },
            .publink: {
                guard await h.settle({ top(PublinkDialog.self) != nil }), let d = top(PublinkDialog.self) else { return false }
                return (try? await h.cloud.publinks().contains { $0.code == d.link.code }) == true
            },
            .view: { await h.settle { top(TextViewer.self).map { !$0.isHelp && $0.title.hasSuffix(file?.name ?? "?") && $0.lines == ["linked"] } == true } },
            .edit: {
                // A cloud file is fetched, then the editor would run on the terminal.
                let ok = await h.settle { h.app.pendingExternal != nil }
                h.app.pendingExternal = nil; h.app.afterExternal = nil
                return ok
            },
            .copy: { top(InputDialog.self)?.title == "Copy" },
            .move: { top(InputDialog.self)?.title == "Move" },
            .mkdir: { top(InputDialog.self)?.title == "Make folder" },
            .delete: { top(ChoiceDialog.self).map { $0.title == "Delete" && $0.choices[$0.selected] == "Delete" } == true },
            .menu: { top(ChoiceDialog.self)?.title == "Menu" },
            .quit: { !h.app.running },
        ]
        for (i, item) in bar.enumerated() {
            guard let command = item.command else { continue }
            h.app.handle(item.key)
            guard let effect = effects[command] else { Issue.record("F\(i + 1) \(item.label): no check for \(command)"); continue }
            #expect(await effect(), "F\(i + 1) \(item.label)")
            h.app.overlays.removeAll()
            after()
        }
    }

    /// mc's F8 then Enter: the Delete button has the focus when the item goes to a trash.
    @Test func f8ThenEnterSendsToTheTrash() async throws {
        let h = try await Harness(local: ["old.txt": "o", "keep.txt": "k"])
        let p = h.app.panesScreen.panes[0]
        await h.settle { p.load == .ready }
        _ = p.jump(prefix: "old")
        h.keys(.f(8), .enter)
        #expect(await h.settle { h.app.status.text.contains("delete “old.txt”: done") && p.rows.count == 1 }, "\(h.app.status)")
        #expect(p.rows.map { p.entries[$0].name } == ["keep.txt"])
        #expect(try await LocalDrive(trash: h.local.appendingPathComponent(".trash-test")).trashList().map(\.name) == ["old.txt"])
    }

    @Test func everyKeyOfTheTrashLineDoesWhatItShows() async throws {
        let h = try await Harness(local: ["a.txt": "a", "b.txt": "b", "c.txt": "c"])
        let p = h.app.panesScreen.panes[0]
        await h.settle { p.load == .ready }
        h.keys(.char("*"), .f(8), .enter)
        #expect(await h.settle { h.app.status.text.contains("delete 3 items: done") && p.load == .ready && p.rows.isEmpty })
        let trash = try await h.open(.char("t"), as: TrashScreen.self, until: { $0.entries.count == 3 })
        await walk(h, trash, needle: "c.t", found: { trash.entries[trash.cursor].name == "c.txt" }, [
            .restore: {
                await h.settle { h.app.status.text.contains("restore a.txt: done") && trash.entries.count == 2 }
                    && FileManager.default.fileExists(atPath: h.local.appendingPathComponent("a.txt").path)
            },
            .restoreToOther: { h.app.status.text.contains("the other pane is on another drive") },
            // Deleting forever keeps Cancel as the default: Enter cancels.
            .delete: {
                guard let d = h.app.overlays.last as? ChoiceDialog, d.title == "Delete forever", d.choices[d.selected] == "Cancel" else { return false }
                h.keys(.enter)
                return h.app.overlays.last === trash && trash.entries.count == 2
            },
            .emptyTrash: { (h.app.overlays.last as? ChoiceDialog).map { $0.title == "Empty trash" && $0.choices[$0.selected] == "Cancel" } == true },
        ])
    }

    @Test func everyKeyOfTheUploadLinksLineDoesWhatItShows() async throws {
        let h = try await Harness.ownSandbox()
        defer { Task { await h.finish() } }
        let screen = try await h.open(.char("U"), as: UploadLinksScreen.self)
        await walk(h, screen, needle: "drop", found: { screen.cursor == 0 && screen.rows.count == 1 }, [
            .create: {
                guard (h.app.overlays.last as? InputDialog)?.title == "New upload link" else { return false }
                h.type("drop here"); h.keys(.enter)
                return await h.settle { !screen.loading && screen.links.map(\.comment) == ["drop here"] }
            },
            .copyURL: { screen.links.first.map { h.app.status.text == "copied \($0.link) to the clipboard" } == true },
            .delete: { (h.app.overlays.last as? ChoiceDialog).map { $0.title == "Delete upload link" && $0.choices[$0.selected] == "Cancel" } == true },
        ])
    }

    /// Presses each key of a list screen's bottom line (checked to be the table's) and checks
    /// its effect: the screen's own from `effects`, the list keys every screen shares here.
    /// `cursor`: the row a command is tried on (the first row otherwise).
    func walk(_ h: Harness, _ screen: ListScreen, needle: String, found: @escaping @MainActor () -> Bool,
              cursor: [Command: @MainActor () -> Int?] = [:], _ effects: [Command: @MainActor () async -> Bool]) async {
        let items = KeyBar.items(h.app.keymap, screen.context)
        let line = bottomLine(h)
        #expect(line.contains(items.map { "\($0.key) \($0.label)" }.joined(separator: " · ")), "\(line)")
        let shared: [Command: @MainActor () async -> Bool] = [
            .search: {
                guard screen.find != nil else { return false }
                h.type(needle)
                return found()
            },
            .refresh: { screen.loading },
            .help: { (h.app.overlays.last as? TextViewer)?.isHelp == true && h.screen().contains("Help — \(screen.context.title)") },
            .close: { !h.app.overlays.contains { $0 === screen } },
        ]
        for item in items {
            screen.cursor = cursor[item.command]?() ?? 0
            press(h, item.key)
            guard let effect = effects[item.command] ?? shared[item.command] else { Issue.record("\(item.key) \(item.label): no check"); continue }
            #expect(await effect(), "\(item.key) \(item.label)")
            screen.find = nil
            while let top = h.app.overlays.last, top !== screen { h.app.overlays.removeLast() }
            await h.settle { !screen.loading }
        }
    }

    @Test func everyKeyOfTheViewerLineDoesWhatItShows() async throws {
        let h = try await Harness(local: ["notes.txt": (1...80).map { "line \($0)" }.joined(separator: "\n")])
        await h.settle { h.app.panesScreen.panes[0].load == .ready }
        h.keys(.f(3))
        let viewer = try #require(h.app.overlays.last as? TextViewer)
        #expect(await h.settle { viewer.lines.count == 80 })
        let items = KeyBar.items(h.app.keymap, .viewer)
        #expect(bottomLine(h, 100).contains(items.map { "\($0.key) \($0.label)" }.joined(separator: " · ")))
        let effects: [Command: @MainActor () -> Bool] = [
            .search: {
                guard viewer.search != nil else { return false }
                h.type("line 4"); h.keys(.enter)
                return viewer.found == 3
            },
            .searchNext: { viewer.found == 39 },
            .close: { h.app.overlays.isEmpty },
        ]
        for item in items {
            press(h, item.key)
            #expect(effects[item.command]?() == true, "\(item.key) \(item.label)")
        }
    }

    @Test func aRebindingInTheTrashTakesEffectThereAndInItsHelp() async throws {
        let h = try await Harness(local: ["back.txt": "b"], keymap: KeymapConfig(contexts: ["trash": ["R": "restore", "r": "refresh"]]))
        let p = h.app.panesScreen.panes[0]
        await h.settle { p.load == .ready }
        h.keys(.f(8), .enter)
        #expect(await h.settle { h.app.status.text.contains(": done") && p.load == .ready && p.rows.isEmpty })
        let trash = try await h.open(.char("t"), as: TrashScreen.self, until: { $0.entries.count == 1 })
        #expect(bottomLine(h).hasPrefix(" R restore · o restore to other pane"))
        h.keys(.char("r"))
        #expect(trash.loading)
        await h.settle { !trash.loading }
        h.keys(.char("?"))
        #expect(h.screen().contains("  " + pad("R  Enter", 22, right: false) + " Restore to where it was   (restore)"))
        h.keys(.escape, .char("R"))
        #expect(await h.settle { h.app.status.text.contains("restore back.txt: done") })
        #expect(FileManager.default.fileExists(atPath: h.local.appendingPathComponent("back.txt").path))
    }

    /// `?` in a screen lists that screen's keys, then those it shares with every list.
    @Test func helpInTheTrashShowsTheTrashKeys() async throws {
        let h = try await Harness()
        h.app.push(TrashScreen(app: h.app))
        h.keys(.char("?"))
        expectSnapshot(h.snapshot(100, 30), """
            ┌────────────────────────────────────────── Help — Trash ──────────────────────────────────────────┐
            │Keys of this screen: Trash.                                                                       │
            │                                                                                                  │
            │── Trash ─────────────────────────────────────────────                                            │
            │  r  Enter               Restore to where it was   (restore)                                      │
            │  o                      Restore into the other pane's folder   (restore-to-other)                │
            │  d  F8  Del             Delete forever   (delete)                                                │
            │  E                      Empty the trash   (empty-trash)                                          │
            │                                                                                                  │
            │── Every list screen ─────────────────────────────────                                            │
            │  Up  k                  Cursor up   (up)                                                         │
            │  Down  j                Cursor down   (down)                                                     │
            │  PgUp  C-b              Page up   (page-up)                                                      │
            │  PgDn  C-f              Page down   (page-down)                                                  │
            │  Home  g g              First row   (top)                                                        │
            │  End  G                 Last row   (bottom)                                                      │
            │  /                      Find a row as you type   (search)                                        │
            │  C-r                    Refresh   (refresh)                                                      │
            │  ?  F1                  Help   (help)                                                            │
            │  q  Esc  F10            Close   (close)                                                          │
            │                                                                                                  │
            │Rebind these keys in config.toml under [keymap.trash] and [keymap.list], e.g.  "C-x" = "restore". │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            └──────────────────────────────────────────────────────────────────────────────────────────────────┘
             1/21 · / search · n next · q close
            """)
    }
}
