import Commander
import Foundation
import Testing
@testable import TUI

/// Job titles name files and folders as the user knows them, never `fileid 5000048`; the jobs
/// panel keeps its columns past #9.
@MainActor
@Suite struct JobTitlesTests {
    @Test func titlesNameThingsAndTheColumnsHoldPastNine() async throws {
        let h = try await Harness.ownSandbox()
        defer { Task { await h.finish() } }
        let photos = try await h.cloud.testFolder("Photos", files: ["IMG_0001.png": "not really a png"], unique: false)
        let img = try #require(try await h.cloud.list(photos.ref).first)
        _ = try await h.cloud.mkdir("Holiday 2025", in: photos.ref)   // extractarchive wants its folder to exist
        try await JobQueue().perform(.zip([Item(h.cloud, img.ref)], into: Item(h.cloud, photos.ref), name: "Holiday 2025.zip"))
        let p = h.app.panesScreen.panes[1]
        h.app.panesScreen.active = 1
        h.reload(p, to: .path("/Photos"))
        #expect(await h.settle { p.load == .ready && p.entries.count == 3 })

        _ = p.jump(prefix: "Holiday 2025.")
        h.keys(.char("x"), .enter)
        _ = p.jump(prefix: "IMG")
        h.keys(.char("p"))
        #expect(await h.settle { h.app.jobs.count == 2 && h.app.jobs.values.allSatisfy { $0.state.isFinished } })
        h.app.overlays.removeAll()   // the link's dialog
        _ = p.jump(prefix: "IMG")
        h.keys(.f(8), .char("d"))
        for i in 1...8 { h.keys(.f(7)); h.type("d\(i)"); h.keys(.enter) }
        #expect(await h.settle { h.app.jobs.count == 11 && h.app.jobs.values.allSatisfy { $0.state.isFinished } })
        let titles = h.app.jobs.values.sorted { $0.id < $1.id }.map(\.title)
        #expect(Array(titles.prefix(3)) == ["Extract Holiday 2025.zip into /Photos/Holiday 2025", "Public link for IMG_0001.png",
                                            "Trash IMG_0001.png"])
        #expect(!titles.contains { $0.contains("fileid") || $0.contains("folderid") })

        h.keys(.char("J"))
        let panel = h.snapshot(100, 30).split(separator: "\n").filter { $0.contains(" done ") }
        #expect(panel.count == 11)
        // Every state starts in one column, #1 and #11 alike.
        let column = Set(panel.map { line in line.distance(from: line.startIndex, to: line.range(of: " done ")!.lowerBound) })
        #expect(column.count == 1, "\(panel.joined(separator: "\n"))")
        #expect(panel.first?.contains(" #1 done ") == true && panel.last?.contains("#11 done ") == true)
    }
}
