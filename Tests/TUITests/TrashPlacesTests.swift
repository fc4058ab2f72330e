import Commander
import Foundation
import Testing
@testable import TUI

/// The cloud trash names the folder each item came from by its path, found with one request
/// per distinct folder; a folder that is gone too says so in words, not as an id.
@MainActor
@Suite struct TrashPlacesTests {
    @Test func theTrashShowsWhereEachItemLivedAsAPath() async throws {
        let log = try Env.scratch().appendingPathComponent("requests.jsonl")
        let h = try await Harness.ownSandbox(requestLog: log)
        defer { Task { await h.finish() } }
        let work = try await h.cloud.testFolder("仕事", files: ["a.txt": "a"], unique: false)
        let reports = try await h.cloud.mkdir("2025 報告", in: work.ref)
        try await h.cloud.upload(["b.txt": "bb", "c.txt": "ccc"], into: reports)
        let old = try await h.cloud.testFolder("old", files: ["x.txt": "xxxx"], unique: false)

        // With the keys: a.txt from /仕事, both files from /仕事/2025 報告.
        h.app.panesScreen.active = 1
        let pane = h.app.panesScreen.panes[1]
        h.goTo("/仕事")
        await h.settle { pane.location.path == "/仕事" && pane.current?.name == "2025 報告" }
        h.keys(.down, .f(8), .char("d"))
        #expect(await h.settle { h.app.status.text.contains("done") && pane.load == .ready && pane.rows.count == 1 })
        h.keys(.enter)
        await h.settle { pane.location.path == "/仕事/2025 報告" && pane.rows.count == 2 }
        h.keys(.char("*"), .f(8), .char("d"))
        #expect(await h.settle { h.app.status.text.contains("delete 2 items: done") && pane.load == .ready && pane.rows.isEmpty })
        // A file whose folder went to the trash after it.
        try await h.cloud.delete(.path("/old/x.txt"), permanent: false)
        try await h.cloud.delete(old.ref, permanent: false)

        let before = try listings(log)
        let trash = try await h.open(.char("t"), as: TrashScreen.self, until: { $0.rows.count == 5 && !$0.rows.contains { $0[1] == "…" } })
        expectSnapshot(h.snapshot(100, 12), """
            ┌──────────────────────────────────────── Trash — SANDBOX ─────────────────────────────────────────┐
            │Name                                           Original place                    Size Deleted     │
            │a.txt                                          /仕事                              1 B Mmm dd hh:mm│
            │b.txt                                          /仕事/2025 報告                    2 B Mmm dd hh:mm│
            │c.txt                                          /仕事/2025 報告                    3 B Mmm dd hh:mm│
            │old/                                           /                                <DIR> Mmm dd hh:mm│
            │x.txt                                          (deleted folder)                   4 B Mmm dd hh:mm│
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            └──────────────────────────────────────────────────────────────────────────────────────────────────┘
             r restore · o restore to other pane · d delete forever · E empty trash · / find · C-r refresh · ? …
            """)
        expectSnapshot(h.snapshot(40, 10), """
            ┌────────── Trash — SANDBOX ───────────┐
            │Name      Original place              │
            │a.txt     /仕事                       │
            │b.txt     /仕事/2025 報告             │
            │c.txt     /仕事/2025 報告             │
            │old/      /                           │
            │x.txt     (deleted folder)            │
            │                                      │
            └──────────────────────────────────────┘
             r restore · o restore to other pane · …
            """)
        // Three folders named (2025 報告, 仕事, old), each asked once: b.txt and c.txt share
        // theirs, 仕事 is both a.txt's folder and 2025 報告's parent; old is gone, the root needs none.
        #expect(try listings(log) - before == 3)
    }

    @Test func aPhotoDeletedFromTheDemoShowsItsFolder() async throws {
        // The demo's trash holds a photo deleted from /Photos (DemoScenes).
        let h = try await Harness()
        h.app.panesScreen.active = 1
        let trash = try await h.open(.char("t"), as: TrashScreen.self, until: { !$0.rows.contains { $0[1] == "…" } })
        let row = try #require(trash.rows.first { $0[0] == "blurry shot.png" }, "\(trash.rows)")
        #expect(row[1] == "/Photos")
    }

    /// `listfolder` calls without files (as the trash's places are asked) in the request log.
    func listings(_ log: URL) throws -> Int {
        try String(contentsOf: log, encoding: .utf8).split(separator: "\n").filter { line in
            line.contains("listfolder") && line.contains("\"nofiles\"")
        }.count
    }
}
