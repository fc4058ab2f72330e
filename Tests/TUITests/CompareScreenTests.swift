import Commander
import Foundation
import Testing
@testable import TUI

/// `=` compares the panes: marks on each side, the counts in the status line; F5 then copies
/// exactly the marked difference, asking before a differing file is replaced.
@MainActor
@Suite struct CompareScreenTests {
    /// The local pane on a fresh folder, the cloud pane on a fresh cloud folder.
    func harness(local: [String: String], cloud: [String: String]) async throws -> (Harness, Entry) {
        let h = try await Harness(local: local)
        let folder = try await h.cloud.testFolder("tui-cmp", files: cloud)
        h.app.panesScreen.active = 1
        h.goTo("/\(folder.name)")
        h.app.panesScreen.active = 0
        await h.settle { h.app.panesScreen.panes.allSatisfy { $0.load == .ready } && h.app.panesScreen.panes[1].location.path == "/\(folder.name)" }
        return (h, folder)
    }

    func names(_ p: Pane) -> [String] { p.markedEntries.map(\.name).sorted() }

    @Test func thoroughCompareMarksBothSidesAndF5CopiesTheDifference() async throws {
        let (h, folder) = try await harness(local: ["a.txt": "only local", "c.txt": "version 1", "same.txt": "same"],
                                            cloud: ["b.txt": "only cloud", "c.txt": "version 2", "same.txt": "same"])
        h.keys(.char("="))
        #expect(h.screen().contains("Compare panes") && h.screen().contains("Thorough: content (checksums)"))
        h.keys(.down, .enter)
        #expect(await h.settle { h.app.status.text.hasPrefix("compare:") || h.app.status.text.hasPrefix("thorough compare:") })
        #expect(h.app.status.text == "compare: 1 only in Local, 1 only in SANDBOX, 1 differ, 1 identical · F5 copies the marked difference",
                "\(h.app.status.text)")
        #expect(names(h.app.panesScreen.panes[0]) == ["a.txt", "c.txt"])
        #expect(names(h.app.panesScreen.panes[1]) == ["b.txt", "c.txt"])
        #expect(h.app.jobs.values.contains { $0.kind == .compare && $0.state == .done && $0.filesTotal == 2 })
        // The marks on the canvas: `*` before a marked file on either side, none before same.txt.
        let screen = h.screen()
        #expect(screen.contains("*a.txt") && screen.contains("*c.txt") && screen.contains("*b.txt") && !screen.contains("*same.txt"),
                "\(screen)")

        // F5 from the local pane: the difference, c.txt only after the conflict question.
        h.keys(.f(5))
        #expect(h.screen().contains("Copy the difference: 2 items from Local"), "\(h.screen())")
        h.keys(.enter)
        #expect(await h.settle { h.app.overlays.last is ConflictDialog })
        h.keys(.char("o"))
        #expect(await h.settle { h.app.status.text.contains("copy the difference (2 items): done") })
        #expect(String(decoding: try await h.cloud.text(.path("/\(folder.name)/c.txt")), as: UTF8.self) == "version 1")
        #expect(String(decoding: try await h.cloud.text(.path("/\(folder.name)/a.txt")), as: UTF8.self) == "only local")
        #expect(h.app.panesScreen.panes[0].marks.isEmpty)

        // F5 from the cloud pane, whose marks still stand: b.txt comes down; c.txt is asked, skipped.
        h.app.panesScreen.active = 1
        h.keys(.f(5))
        #expect(h.screen().contains("Copy the difference: 2 items from SANDBOX"), "\(h.screen())")
        h.keys(.enter)
        #expect(await h.settle { h.app.overlays.last is ConflictDialog })
        let before = h.app.statusSerial
        h.keys(.char("s"))
        #expect(await h.settle { h.app.statusSerial > before && h.app.status.text.contains("copy the difference (2 items): done") })
        #expect(try String(contentsOf: h.local.appendingPathComponent("b.txt"), encoding: .utf8) == "only cloud")
        #expect(try String(contentsOf: h.local.appendingPathComponent("c.txt"), encoding: .utf8) == "version 1")

        // Compared again: the same.
        h.keys(.char("="), .down, .enter)
        #expect(await h.settle { h.app.status.text.hasSuffix("the same") }, "\(h.app.status.text)")
    }

    @Test func recursiveMarksTheTopFolderAndF5SendsOnlyWhatDiffersInside() async throws {
        let (h, folder) = try await harness(local: ["docs/same.txt": "same", "docs/deep/new.txt": "new", "top.txt": "top"],
                                            cloud: ["top.txt": "top"])
        let cloudDocs = try await h.cloud.mkdir("docs", in: .path("/\(folder.name)"))
        _ = try await JobQueue().perform(.copy([Item(LocalDrive(), .path(h.local.appendingPathComponent("docs/same.txt").path))],
                                               into: Item(h.cloud, cloudDocs.ref)))
        h.keys(.char("="), .down, .down, .down, .enter)  // thorough, with subfolders
        #expect(await h.settle { h.app.status.text.hasPrefix("compare:") })
        #expect(names(h.app.panesScreen.panes[0]) == ["docs"])
        #expect(names(h.app.panesScreen.panes[1]).isEmpty)
        #expect(h.app.panesScreen.compared?.comparison.differences.map(\.path) == ["docs/deep/new.txt"])

        h.keys(.f(5))
        #expect(h.screen().contains("Copy the difference: 1 item from Local"), "\(h.screen())")
        h.keys(.enter)
        #expect(await h.settle { h.app.status.text.contains("copy the difference (1 item): done") })
        let deep = try await h.cloud.list(.path("/\(folder.name)/docs/deep"))
        #expect(deep.map(\.name) == ["new.txt"])
    }

    @Test func changedMarksMakeF5ANormalCopyAgain() async throws {
        let (h, _) = try await harness(local: ["a.txt": "a", "b.txt": "b"], cloud: [:])
        h.keys(.char("="), .enter)
        #expect(await h.settle { h.app.status.text.hasPrefix("compare:") })
        #expect(names(h.app.panesScreen.panes[0]) == ["a.txt", "b.txt"])
        h.keys(.home, .char(" "))  // unmark one
        h.keys(.f(5))
        #expect(h.screen().contains("Copy “b.txt” to (SANDBOX):") || h.screen().contains("Copy “a.txt” to (SANDBOX):"),
                "\(h.screen())")
    }
}
