@testable import Commander
import Foundation
import Testing
@testable import TUI

/// More jobs than the panel has rows: the one under the cursor is always drawn, so what `c`,
/// `d` or `s` acts on is on screen (newest at the bottom while the cursor is there).
@MainActor @Suite struct JobsPanelScrollTests {
    @Test func theCursorsJobIsDrawnWhenThePanelIsFull() throws {
        let view = JobsView(theme: try Theme.load("default", searchPath: [ThemeAndKeymapTests.themes]))
        let jobs = (1...15).map { JobSnapshot(id: JobID(raw: $0), title: "Copy n\($0).txt", kind: .upload, state: .done) }
        var first: Int?
        func shown(cursor: Int) -> [String] {
            var c = Canvas(width: 60, height: 8)
            first = view.panel(jobs, into: &c, Rect(x: 0, y: 0, width: 60, height: 8), spinner: "", cursor: cursor, first: first)
            return (1..<7).compactMap { y in c.row(y).range(of: "#[0-9]+", options: .regularExpression).map { String(c.row(y)[$0]) } }
        }
        #expect(shown(cursor: 14) == ["#10", "#11", "#12", "#13", "#14", "#15"])
        #expect(shown(cursor: 0) == ["#1", "#2", "#3", "#4", "#5", "#6"])
        // Down from the top the cursor moves within the rows shown; past the last they follow it.
        #expect(shown(cursor: 2) == ["#1", "#2", "#3", "#4", "#5", "#6"])
        #expect(shown(cursor: 7) == ["#3", "#4", "#5", "#6", "#7", "#8"])
        first = nil
        #expect(shown(cursor: 7) == ["#8", "#9", "#10", "#11", "#12", "#13"], "with nothing shown before: the newest, up to the cursor")
    }
}
