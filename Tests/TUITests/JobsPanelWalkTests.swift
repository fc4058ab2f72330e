@testable import Commander
import Foundation
import Testing
@testable import TUI

/// The jobs panel: an earlier run's interrupted transfers are listed beside this run's, and
/// each key of its line does what it says (pause, resume, cancel, retry, drop, limit, clear,
/// close); `?` lists the panel's keys.
@Suite(.serialized) @MainActor struct JobsPanelWalkTests {
    @Test func everyKeyOfTheJobsPanelDoesWhatItShows() async throws {
        // An earlier run left two downloads of real files interrupted.
        let cloud = try await Env.cloud()
        let folder = try await cloud.testFolder("jobs-walk", files: ["a.txt": "alpha", "b.txt": "beta"])
        let files = try await cloud.list(folder.ref)
        let into = try Env.scratch()
        let store = try JobStore(at: into.appendingPathComponent("state/jobs.sqlite"))
        var rows: [Int64] = []
        for name in ["a.txt", "b.txt"] {
            let f = try #require(files.first { $0.name == name })
            rows.append(try #require(try store.insert(StoredJob(
                id: nil, title: "Download \(name)", kind: .download,
                action: .copy(.init(side: .cloud(profile: nil), ref: .file(f.fileid!), name: name),
                              into: .init(side: .local, ref: .path(into.path), name: nil), name: nil, move: false),
                state: .running, queuedAt: Date(), updatedAt: Date())).id))
        }
        // This run's upload crawls at 64 KiB/s until the limit is lifted.
        let queue = JobQueue(store: store, limiter: BandwidthLimiter(BandwidthRate(bytesPerSecond: 64 << 10)))
        let h = try await Harness(local: ["big.bin": String(repeating: "pcmd ", count: 200_000)], queue: queue)
        #expect(h.app.status.text.hasPrefix("2 interrupted transfers from an earlier run: J jobs panel"), "\(h.app.status)")
        #expect(await h.settle { h.app.jobs.values.filter { $0.state == .interrupted }.count == 2 })
        let earlier = h.app.jobsInOrder.map(\.id)
        let live = try await queue.submit(.copy([Item(h.app.panesScreen.panes[0].drive, path: h.local.appendingPathComponent("big.bin").path)],
                                                into: Item(cloud, folder.ref)))[0]
        #expect(await h.settle { h.app.jobs[live]?.state == .running })

        h.keys(.char("J"))
        let panel = try #require(h.app.overlays.last as? JobsScreen)
        let items = KeyBar.items(h.app.keymap, .jobs)
        let shown = Snapshot.lines(h.screen(220, 30))
        #expect(shown.contains { $0.contains("Jobs (limit 64.0 KiB/s)") })
        #expect(shown.last?.hasPrefix(" " + items.map { "\($0.key) \($0.label)" }.joined(separator: " · ")) == true, "the keys on the bottom line")
        func on(_ id: JobID) { panel.cursor = h.app.jobsInOrder.firstIndex { $0.id == id } ?? -1 }
        func state(_ id: JobID) -> JobState? { h.app.jobs[id]?.state }
        let key = Dictionary(items.map { ($0.command, $0.key) }, uniquingKeysWith: { a, _ in a })
        func press(_ c: Command) { h.app.handle(Key(name: key[c]!)!) }
        // A transfer to its end may take longer than one settle on a loaded machine.
        func finished(_ id: JobID) async -> Bool {
            for _ in 0..<6 where await h.settle({ state(id) == .done }) { return true }
            return false
        }
        let walk: [(Command, @MainActor () async -> Bool)] = [
            (.pauseJob, {
                on(live); press(.pauseJob)
                return await h.settle { state(live) == .paused } && (try? store.unfinished().contains { $0.state == .paused }) == true
            }),
            (.resumeJob, {
                on(live); press(.resumeJob)
                guard await h.settle({ state(live) == .running }) else { return false }
                // An earlier run's job runs on the panes' drives.
                on(earlier[0]); press(.resumeJob)
                return await finished(earlier[0])
                    && (try? String(contentsOf: into.appendingPathComponent("a.txt"), encoding: .utf8)) == "alpha"
            }),
            (.cancelJob, { on(live); press(.cancelJob); return await h.settle { state(live) == .cancelled } }),
            (.retry, { on(live); press(.retry); return await h.settle { state(live) == .running && h.app.jobs[live]?.attempt == 2 } }),
            (.dropJob, {
                on(earlier[1]); press(.dropJob)
                return await h.settle { h.app.jobs[earlier[1]] == nil } && (try? store.job(rows[1])) == .some(nil)
            }),
            (.bwlimit, {
                press(.bwlimit)
                guard (h.app.overlays.last as? InputDialog)?.title == "Bandwidth limit" else { return false }
                h.keys(.ctrl("e"), .ctrl("u")); h.type("off"); h.keys(.enter)
                guard queue.limiter.rate == nil, h.app.overlays.last === panel else { return false }
                return await finished(live)
            }),
            (.clearFinished, { press(.clearFinished); return h.app.jobs.isEmpty }),
            (.close, { press(.close); return h.app.overlays.isEmpty }),
        ]
        #expect(Set(walk.map(\.0)) == Set(items.map(\.command)), "every key of the line has its check")
        for (command, effect) in walk { #expect(await effect(), "\(key[command] ?? "?") \(command)") }
        #expect(try store.unfinished().isEmpty, "resumed, finished and dropped: nothing is left interrupted")
    }

    /// The notice at start counts what the panel lists: this profile's jobs, paused apart.
    @Test func theStartNoticeCountsWhatThePanelWillList() async throws {
        let dir = try Env.scratch()
        let store = try JobStore(at: dir.appendingPathComponent("state/jobs.sqlite"))
        for (profile, state) in [(nil, JobState.running), (nil, .paused), ("work", .running)] as [(String?, JobState)] {
            _ = try store.insert(StoredJob(id: nil, title: "Download far.bin", kind: .download,
                                           action: .copy(.init(side: .cloud(profile: profile), ref: .file(1), name: "far.bin"),
                                                         into: .init(side: .local, ref: .path(dir.path), name: nil), name: nil, move: false),
                                           state: state, queuedAt: Date(), updatedAt: Date()))
        }
        let h = try await Harness(queue: JobQueue(store: store))
        #expect(h.app.status.text == "1 interrupted and 1 paused transfers from an earlier run: J jobs panel, s resumes, d drops")
        #expect(await h.settle { h.app.jobs.values.map(\.state.rawValue).sorted() == ["interrupted", "paused"] })
    }

    @Test func aKeyThatDoesNotApplySaysWhyAndTheHelpListsThePanelsKeys() async throws {
        let h = try await Harness(local: ["x.txt": "x"])
        await h.settle { h.app.panesScreen.panes[0].load == .ready }
        h.keys(.char("J"))
        h.keys(.char("p"))
        #expect(h.app.overlays.last is JobsScreen, "no job: nothing happens, the panel stays")
        try await h.app.queue.perform(.mkdir("made", in: Item(h.app.panesScreen.panes[0].drive, path: h.local.path)))
        #expect(await h.settle { h.app.jobs.count == 1 })
        for (k, why) in [("p", "only a running or queued job pauses"), ("s", "only a paused or interrupted job resumes"),
                         ("d", "only an interrupted or paused job drops")] {
            h.keys(.char(Character(k)))
            #expect(h.app.status.text.hasSuffix("is done: " + why) || h.app.status.text.contains(why), "\(k): \(h.app.status)")
        }
        h.keys(.char("?"))
        let help = h.screen(120, 40)
        #expect(help.contains("Help — Jobs panel"), "\(help)")
        for (keys, line) in [("p", "Pause the job (no bytes flow; it stays paused across restarts)   (pause-job)"),
                             ("s  Enter", "Resume a paused job, or one an earlier run left interrupted   (resume-job)"),
                             ("d  Del", "Drop an interrupted or paused job (what it left on disk stays)   (drop-job)"),
                             ("b", "Bandwidth limit of all transfers…   (bwlimit)")] {
            let line = "  " + pad(keys, 22, right: false) + " " + line
            #expect(help.contains(line), "\(line)\n\(help)")
        }
    }
}
