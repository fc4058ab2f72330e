import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import Commander
import Testing

/// Pause and resume: a paused transfer moves no bytes and keeps what it has, its row says
/// paused (so a restart keeps it paused, not interrupted), another process's request reaches
/// the running queue through the store, and a queue's bandwidth limit holds real transfers.
@Suite struct JobPauseTests {
    func storeURL(_ dir: URL, _ name: String = "jobs.sqlite") -> URL { dir.appendingPathComponent("state/pcmd/\(name)") }

    func size(_ url: URL) -> Int64 { (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int64) ?? -1 }

    /// A download of `count` bytes from the slow sandbox (2 MiB/s) into `work/down`, by a queue
    /// with a store at `url`, once its first bytes arrived.
    func downloading(_ count: Int, _ name: String) async throws -> (q: JobQueue, id: JobID, local: LocalDrive, work: URL, url: URL,
                                                                      slow: CloudDrive, data: Data) {
        let (local, work, slow, file, data) = try await slowFile(count, name)
        let url = storeURL(work)
        let q = JobQueue(store: try JobStore(at: url))
        let id = try await q.submit(.copy([Item(slow, file)], into: Item(local, path: work.path + "/down")))[0]
        _ = await waitFor(q, id) { $0.bytesDone > 0 }
        return (q, id, local, work, url, slow, data)
    }

    /// A file of `count` bytes on the slow sandbox (2 MiB/s), and the local drive and folder.
    func slowFile(_ count: Int, _ name: String) async throws -> (LocalDrive, URL, CloudDrive, Entry, Data) {
        let (local, work) = Env.local()
        let slow = try await Env.cloud(slow: true)
        let top = try await slow.testFolder(name)
        let data = try write(work.appendingPathComponent("src.bin"), count)
        let placed = try await slow.client.uploadFile(work.appendingPathComponent("src.bin"), to: top.folderid!).metadata
        try FileManager.default.createDirectory(atPath: work.path + "/down", withIntermediateDirectories: true)
        return (local, work, slow, CloudDrive.entry(placed, parentPath: top.path!), data)
    }

    func waitFor(_ q: JobQueue, _ id: JobID, _ ok: @Sendable (JobSnapshot) -> Bool) async -> JobSnapshot? {
        for _ in 0..<400 {
            if let s = await q.snapshot(id), ok(s) { return s }
            try? await Task.sleep(for: .milliseconds(25))
        }
        return nil
    }

    @Test func aPausedDownloadMovesNoBytesKeepsItsPartAndFinishesWhenResumed() async throws {
        let (q, id, _, work, url, _, data) = try await downloading(8 << 20, "pause-down")
        #expect(await q.pause(id))
        #expect(await q.snapshot(id)?.state == .paused)
        #expect(try JobStore(at: url).unfinished().first?.state == .paused, "the row says paused at once")
        #expect(try JobStore(at: url).interrupted().isEmpty, "a paused job is not offered as interrupted")
        let part = work.appendingPathComponent("down/.src.bin.pcmd-part")
        try await Task.sleep(for: .milliseconds(500))
        let held = size(part)
        try await Task.sleep(for: .seconds(1))
        #expect(size(part) == held && held > 0 && held < Int64(data.count), "\(held) then \(size(part))")
        #expect(!(await q.pause(id)), "a paused job does not pause again")
        #expect(await q.resume(id))
        let done = await q.wait(id)
        #expect(done.state == .done, "\(String(describing: done.error))")
        #expect(try Data(contentsOf: work.appendingPathComponent("down/src.bin")) == data)
        #expect(!FileManager.default.fileExists(atPath: part.path))
    }

    /// What `kill -9` leaves of a paused job is paused after the restart: shown held in the new
    /// queue, not among the interrupted, and it runs only when resumed.
    @Test func aPausedJobIsPausedAfterARestartAndResumesWhenAsked() async throws {
        let (q, id, local, work, url, slow, data) = try await downloading(6 << 20, "pause-restart")
        await q.pause(id)
        let crashed = storeURL(work, "crashed.sqlite")
        try FileManager.default.copyItem(at: url, to: crashed)
        await q.cancel(id)
        _ = await q.wait(id)

        let after = try JobStore(at: crashed)
        #expect(try after.interrupted().isEmpty)
        let row = try #require(try after.unfinished().first)
        #expect(row.state == .paused && row.stateName == "paused")
        let again = JobQueue(store: after)
        let ids = try await again.adoptStored(on: .init(local: local, cloud: slow))
        #expect(ids.count == 1)
        let held = try #require(await again.snapshot(ids[0]))
        #expect(held.state == .paused && held.bytesTotal == Int64(data.count) && held.title == row.title)
        try await Task.sleep(for: .milliseconds(300))
        #expect(await again.snapshot(ids[0])?.state == .paused, "not run until asked")
        #expect(try await again.adoptStored(on: .init(local: local, cloud: slow)).isEmpty, "shown once")
        #expect(await again.resume(ids[0]))
        let done = await again.wait(ids[0])
        #expect(done.state == .done, "\(String(describing: done.error))")
        #expect(try Data(contentsOf: work.appendingPathComponent("down/src.bin")) == data)
        #expect(try after.history().first?.id == row.id)
    }

    /// `pcmd jobs pause 3` from another process writes a request to the store; the queue that
    /// runs job 3 takes it (the same pid here, another store connection as that process has).
    @Test func aRequestInTheStorePausesAndResumesTheQueueThatRunsTheJob() async throws {
        let (q, id, _, work, url, _, data) = try await downloading(6 << 20, "pause-ask")
        let other = try JobStore(at: url)
        let row = try #require(try other.unfinished().first?.id)
        try other.request(.paused, for: row)
        #expect(await waitFor(q, id) { $0.state == .paused } != nil, "the running queue took the request")
        #expect(try other.job(row)?.state == .paused)
        try other.request(.running, for: row)
        #expect(await waitFor(q, id) { $0.state == .running || $0.state.isFinished } != nil)
        #expect(await q.wait(id).state == .done)
        #expect(try Data(contentsOf: work.appendingPathComponent("down/src.bin")) == data)
    }

    /// Interrupted rows of an earlier run are shown held; drop forgets one (store too), resume
    /// runs the other; a row another profile queued is left for `pcmd jobs`.
    @Test func earlierRunsJobsAreShownThenDroppedOrResumed() async throws {
        let (local, work) = Env.local()
        let cloud = try await Env.cloud()
        let top = try await cloud.testFolder("adopt")
        try write(work.appendingPathComponent("a.bin"), 3000)
        let a = try await cloud.client.uploadFile(work.appendingPathComponent("a.bin"), to: top.folderid!).metadata.fileid!
        let store = try JobStore(at: storeURL(work))
        func row(_ title: String, profile: String?) throws -> StoredJob {
            try store.insert(StoredJob(id: nil, title: title, kind: .download,
                                       action: .copy(.init(side: .cloud(profile: profile), ref: .file(a), name: "a.bin"),
                                                     into: .init(side: .local, ref: .path(work.path), name: nil), name: nil, move: false),
                                       state: .running, queuedAt: Date(), updatedAt: Date()))
        }
        let keep = try row("keep", profile: nil), gone = try row("gone", profile: nil), theirs = try row("theirs", profile: "work")
        let q = JobQueue(store: store)
        let ids = try await q.adoptStored(on: .init(local: local, cloud: cloud))
        let shown = await q.history()
        #expect(shown.map(\.id) == ids && ids.count == 2 && shown.allSatisfy { $0.state == .interrupted }, "\(shown)")
        #expect(try await q.drop(ids[1]))
        #expect(try store.unfinished().map(\.id) == [keep.id, theirs.id])
        #expect(await q.history().map(\.id) == [ids[0]])
        #expect(!(try await q.drop(ids[1])), "gone already")
        #expect(await q.resume(ids[0]))
        #expect(await q.wait(ids[0]).state == .done)
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("a.bin").path))
        #expect(try store.job(keep.id!)?.state == .done && store.job(gone.id!) == nil)
    }

    @Test(.timeLimit(.minutes(1))) func aJobPausedThenCancelledRunsUnpausedWhenRetried() async throws {
        let (local, work) = Env.local()
        let cloud = try await Env.cloud()
        let top = try await cloud.testFolder("pause-retry")
        try write(work.appendingPathComponent("src.bin"), 1 << 20)
        let q = JobQueue(limiter: BandwidthLimiter(BandwidthRate(bytesPerSecond: 64 << 10)))
        let id = try await q.submit(.copy([Item(local, path: work.path + "/src.bin")], into: Item(cloud, top)))[0]
        _ = await waitFor(q, id) { $0.bytesDone > 0 }
        #expect(await q.pause(id))
        await q.cancel(id)
        #expect(await q.wait(id).state == .cancelled)
        q.limiter.rate = nil
        await q.retry(id)
        let done = await q.wait(id)
        #expect(done.state == .done && done.attempt == 2, "\(String(describing: done.error))")
        #expect(try await cloud.list(top.ref).first?.size == 1 << 20)
    }

    /// The limit holds real transfers: a download and an upload at 256 KiB/s on the fast
    /// sandbox see bytes within rate × elapsed + slack; lifted, both finish.
    @Test(arguments: [true, false]) func aQueuesLimitHoldsItsTransfersUntilLifted(download: Bool) async throws {
        let (local, work) = Env.local()
        let cloud = try await Env.cloud()
        let top = try await cloud.testFolder("bwlimit")
        let data = try write(work.appendingPathComponent("src.bin"), 4 << 20)
        let rate = 256 << 10
        let q = JobQueue(limiter: BandwidthLimiter(BandwidthRate(bytesPerSecond: Int64(rate))))
        let action: Action
        if download {
            let placed = try await cloud.client.uploadFile(work.appendingPathComponent("src.bin"), to: top.folderid!).metadata
            try FileManager.default.createDirectory(atPath: work.path + "/down", withIntermediateDirectories: true)
            action = .copy([Item(cloud, CloudDrive.entry(placed, parentPath: top.path!))], into: Item(local, path: work.path + "/down"))
        } else {
            action = .copy([Item(local, path: work.path + "/src.bin")], into: Item(cloud, top))
        }
        let id = try await q.submit(action)[0]
        let first = await waitFor(q, id) { $0.bytesDone > 0 }
        let start = ContinuousClock.now, base = first?.bytesDone ?? 0
        try await Task.sleep(for: .seconds(1))
        let seen = (await q.snapshot(id)?.bytesDone ?? 0) - base
        let elapsed = Double((ContinuousClock.now - start) / .milliseconds(1)) / 1000
        // Slack: an upload counts a 256 KiB buffer as it is read, before its turn; a download
        // buffer is at most 64 KiB. Without the limit the fast sandbox moves all 4 MiB in this time.
        #expect(Double(seen) <= Double(rate) * elapsed + Double(2 * rate), "\(seen) bytes in \(elapsed) s")
        #expect(await q.snapshot(id)?.state == .running)
        q.limiter.rate = nil
        let done = await q.wait(id)
        #expect(done.state == .done && done.bytesDone == Int64(data.count), "\(String(describing: done.error))")
        if download { #expect(try Data(contentsOf: work.appendingPathComponent("down/src.bin")) == data) }
    }

    /// A copy between two local folders holds inside a big file: the queue's limit bounds its
    /// bytes, and paused its `.pcmd-part` stops growing; resumed and unlimited, it finishes whole.
    @Test(.timeLimit(.minutes(1))) func aLocalCopyKeepsTheLimitAndPausesInsideABigFile() async throws {
        let (local, work) = Env.local()
        let data = try write(work.appendingPathComponent("src.bin"), 32 << 20)
        try FileManager.default.createDirectory(atPath: work.path + "/dst", withIntermediateDirectories: true)
        let rate = 4 << 20
        let q = JobQueue(limiter: BandwidthLimiter(BandwidthRate(bytesPerSecond: Int64(rate))))
        let id = try await q.submit(.copy([Item(local, path: work.path + "/src.bin")], into: Item(local, path: work.path + "/dst")))[0]
        let first = await waitFor(q, id) { $0.bytesDone > 0 }
        let start = ContinuousClock.now, base = first?.bytesDone ?? 0
        try await Task.sleep(for: .seconds(1))
        let seen = (await q.snapshot(id)?.bytesDone ?? 0) - base
        let elapsed = Double((ContinuousClock.now - start) / .milliseconds(1)) / 1000
        // Slack: the buffer (1 MiB) that was past its turn, and the one whose turn came at the start.
        #expect(Double(seen) <= Double(rate) * elapsed + Double(2 * LocalFiles.chunk), "\(seen) bytes in \(elapsed) s")
        #expect(await q.snapshot(id)?.state == .running)

        #expect(await q.pause(id))
        let part = work.appendingPathComponent("dst/.src.bin.pcmd-part")
        try await Task.sleep(for: .milliseconds(500))
        let held = size(part)
        try await Task.sleep(for: .seconds(1))
        #expect(size(part) == held && held > 0 && held < Int64(data.count), "\(held) then \(size(part))")
        q.limiter.rate = nil
        #expect(await q.resume(id))
        let done = await q.wait(id)
        #expect(done.state == .done, "\(String(describing: done.error))")
        #expect(try Data(contentsOf: work.appendingPathComponent("dst/src.bin")) == data)
        #expect(!FileManager.default.fileExists(atPath: part.path))
    }

    /// A paused job gives its slot away; resumed while the slot is taken it waits, queued and
    /// moving no bytes, and goes on once the other job is done: never more than
    /// `concurrentJobs` run.
    @Test(.timeLimit(.minutes(1))) func aResumedJobWaitsForAFreeSlot() async throws {
        let (local, work) = Env.local()
        let a = try write(work.appendingPathComponent("a.bin"), 16 << 20)
        // Long enough (16 s at the limit) that the first job's wait is the slot's, not its end.
        let b = try write(work.appendingPathComponent("b.bin"), 64 << 20, seed: 9)
        try FileManager.default.createDirectory(atPath: work.path + "/dst", withIntermediateDirectories: true)
        let q = JobQueue(config: .init(concurrentJobs: 1), limiter: BandwidthLimiter(BandwidthRate(bytesPerSecond: 4 << 20)))
        let into = Item(local, path: work.path + "/dst")
        let first = try await q.submit(.copy([Item(local, path: work.path + "/a.bin")], into: into))[0]
        let second = try await q.submit(.copy([Item(local, path: work.path + "/b.bin")], into: into))[0]
        _ = await waitFor(q, first) { $0.bytesDone > 0 }
        #expect(await q.snapshot(second)?.state == .queued)
        #expect(await q.pause(first))
        #expect(await waitFor(q, second) { $0.bytesDone > 0 } != nil, "the paused job's slot went to the next")
        #expect(await q.resume(first))
        #expect(await q.snapshot(first)?.state == .queued, "resumed, it waits for the slot")
        let part = work.appendingPathComponent("dst/.a.bin.pcmd-part")
        // Chunks already granted when it paused may land late on a loaded machine: from the
        // first still moment on, nothing more may arrive while it waits.
        var held = size(part)
        for _ in 0..<100 {
            try await Task.sleep(for: .milliseconds(100))
            let now = size(part)
            if now == held { break }
            held = now
        }
        for _ in 0..<10 {
            let running = await q.history().filter { $0.state == .running }.count
            #expect(running == 1)
            try await Task.sleep(for: .milliseconds(50))
        }
        let after = size(part)
        // Read after the size: had the other job ended before it, the slot was free and the
        // first job rightly went on.
        if await q.snapshot(second)?.state == .running {
            #expect(after == held && held > 0, "\(held) then \(after)")
        }
        q.limiter.rate = nil
        let (x, y) = (await q.wait(first), await q.wait(second))
        #expect(x.state == .done && y.state == .done, "\(String(describing: x.error)) \(String(describing: y.error))")
        #expect(try Data(contentsOf: work.appendingPathComponent("dst/a.bin")) == a)
        #expect(try Data(contentsOf: work.appendingPathComponent("dst/b.bin")) == b)
    }

    /// A job paused and resumed before it started counts its rate from its start.
    @Test(.timeLimit(.minutes(1))) func aJobPausedBeforeItStartedHasARate() async throws {
        let (local, work) = Env.local()
        _ = try write(work.appendingPathComponent("a.bin"), 4 << 20)
        _ = try write(work.appendingPathComponent("b.bin"), 4 << 20, seed: 9)
        try FileManager.default.createDirectory(atPath: work.path + "/dst", withIntermediateDirectories: true)
        let q = JobQueue(config: .init(concurrentJobs: 1), limiter: BandwidthLimiter(BandwidthRate(bytesPerSecond: 1 << 20)))
        let into = Item(local, path: work.path + "/dst")
        let first = try await q.submit(.copy([Item(local, path: work.path + "/a.bin")], into: into))[0]
        let second = try await q.submit(.copy([Item(local, path: work.path + "/b.bin")], into: into))[0]
        #expect(await q.pause(second))
        try await Task.sleep(for: .milliseconds(200))
        #expect(await q.resume(second))
        q.limiter.rate = nil
        _ = await q.wait(first)
        let done = await q.wait(second)
        #expect(done.state == .done && done.rate > 0, "\(done.rate)")
    }

    /// A plain upload (under 64 MiB) paused, then cut by the server, is not continued: the job
    /// says it starts again, the server kept nothing partial (`nopartial`), and a retry on a
    /// connection that holds puts one whole file there.
    @Test(.timeLimit(.minutes(1))) func aPlainUploadCutWhilePausedSaysItStartsAgainAndLeavesNothing() async throws {
        let sandbox = try await Env.start(faults: "drop-after=2MiB:1")
        defer { Task { await sandbox.stop() } }
        let cloud = try await Env.cloud(on: sandbox)
        let (local, work) = Env.local()
        let top = try await cloud.testFolder("cut")
        let data = try write(work.appendingPathComponent("src.bin"), 6 << 20)
        var config = JobQueue.Config()
        config.transientRetries = 0
        let q = JobQueue(config: config, limiter: BandwidthLimiter(BandwidthRate(bytesPerSecond: 1 << 20)))
        let id = try await q.submit(.copy([Item(local, path: work.path + "/src.bin")], into: Item(cloud, top)))[0]
        _ = await waitFor(q, id) { $0.bytesDone > 0 }
        #expect(await q.pause(id))
        try await Task.sleep(for: .milliseconds(300))
        q.limiter.rate = nil
        #expect(await q.resume(id))
        let cut = await q.wait(id)
        #expect(cut.state == .failed && cut.error?.isTransient == true, "\(String(describing: cut.error))")
        #expect(cut.notes.contains { $0.contains("src.bin") && $0.contains("sent again from its first byte") }, "\(cut.notes)")
        #expect(try await cloud.list(top.ref).isEmpty, "nothing partial on the server")

        let (answer, _) = try await URLSession.shared.data(from: URL(string: sandbox.info.httpURL! + "/_sandbox/faults?set=")!)
        #expect(String(decoding: answer, as: UTF8.self).contains("\"faults\""))
        await q.retry(id)
        let done = await q.wait(id)
        #expect(done.state == .done, "\(String(describing: done.error))")
        let listed = try await cloud.list(top.ref)
        #expect(listed.map(\.name) == ["src.bin"] && listed.first?.size == Int64(data.count))
        #expect(try await cloud.checksum(listed[0].ref) == sha1(data))
    }
}
