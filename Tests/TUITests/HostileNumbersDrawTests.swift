@testable import Commander
import Foundation
import Testing
@testable import TUI

/// The jobs panel and summary line draw whatever progress a server reports (issue 18): totals
/// of zero or near Int64.max, negative counts, a rate past Int64.
@MainActor @Suite struct HostileNumbersDrawTests {
    @Test func jobsDrawWithImpossibleFigures() throws {
        let view = JobsView(theme: try Theme.load("default", searchPath: [ThemeAndKeymapTests.themes]))
        var jobs: [JobSnapshot] = []
        for (done, total) in [(Int64.max, Int64(1)), (-7, .max), (.min, 0), (3, -3)] {
            var j = JobSnapshot(id: JobID(raw: jobs.count + 1), title: "zip", kind: .zip, state: .running)
            j.bytesDone = done; j.bytesTotal = total; j.filesDone = -1; j.filesTotal = .max
            j.rate = 1e300; j.eta = 1e300
            j.parts = [JobPart(name: "u", state: .working, bytesDone: done, bytesTotal: total)]
            jobs.append(j)
        }
        var c = Canvas(width: 80, height: 24)
        view.panel(jobs, into: &c, Rect(x: 0, y: 0, width: 80, height: 20), spinner: "⠋")
        view.summary(jobs, into: &c, y: 22, width: 80, spinner: "⠋", jobsKey: "J")
        #expect(c.row(22).contains("8192 PiB/s") && c.row(22).contains("ETA --:--"), "\(c.text)")
        #expect(jobs.map { view.stateText($0, spinner: "") } == [" 100%", " 0%", " 0%", " 0%"])
    }

    /// What a resume had to do differently (a lost upload session) shows on the job's line,
    /// escaped like every text from outside.
    @Test func aJobsNoteShowsOnItsLine() throws {
        let view = JobsView(theme: try Theme.load("default", searchPath: [ThemeAndKeymapTests.themes]))
        var j = JobSnapshot(id: JobID(raw: 4), title: "Copy big.bin", kind: .upload, state: .done)
        j.notes = ["big.bin: the upload session of the earlier run is gone\u{1b}[31m; sent again from the start"]
        var c = Canvas(width: 120, height: 10)
        view.panel([j], into: &c, Rect(x: 0, y: 0, width: 120, height: 8), spinner: "")
        #expect(c.text.contains("· big.bin: the upload session of the earlier run is gone\\e[31m;"), "\(c.text)")
    }
}
