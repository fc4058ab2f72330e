import Commander
import Foundation
import Testing
@testable import TUI

/// Found by the hostile walk (HostileWalkTests): find results refreshed (Ctrl-R) with the
/// cursor on a row past the end of the new first batch trapped, index out of range: the old
/// rows still pointed into the results the batch had just replaced.
@MainActor @Suite struct FindRefreshTests {
    static func entry(_ name: String) -> Entry {
        Entry(name: name, kind: .file, size: 1, modified: Date(timeIntervalSince1970: 0), path: "/d/" + name)
    }

    @Test func aRefreshedFindWhoseFirstBatchIsShorterKeepsTheCursorInside() throws {
        let pane = Pane(drive: LocalDrive(), side: .local, label: "Local", location: .path("/d"))
        var g = pane.beginFind(try FindQuery(pattern: "*"), text: "*")
        pane.foundBatch(["a", "b", "c", "d"].map(Self.entry), done: true, generation: g)
        pane.cursor = 3
        g = pane.restartFind()
        pane.foundBatch([Self.entry("b")], done: false, generation: g)
        #expect(pane.current?.name == "b")
        pane.foundBatch(["c", "d"].map(Self.entry), done: true, generation: g)
        #expect(pane.rows.count == 3 && pane.current != nil)
    }
}
