import Foundation
@testable import Commander
import Testing

@Suite struct JobQueueTests {
    /// Collects every snapshot of one job until it finishes.
    func watch(_ q: JobQueue, _ action: Action) async throws -> (JobID, [JobSnapshot]) {
        let stream = await q.updates()
        let id = try await q.submit(action)[0]
        var seen: [JobSnapshot] = []
        for await s in stream where s.id == id {
            seen.append(s)
            if s.state.isFinished { break }
        }
        return (id, seen)
    }

    @Test func progressIsMonotoneAndReachesOneHundredPercent() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud()
        let top = try await drive.testFolder("progress")
        try makeTree(at: work.appendingPathComponent("p"), small: 60, big: 6 << 20)
        let q = JobQueue()
        let (_, up) = try await watch(q, .copy([Item(local, path: work.path + "/p")], into: Item(drive, top.ref)))
        try FileManager.default.createDirectory(atPath: work.path + "/back", withIntermediateDirectories: true)
        let (_, down) = try await watch(q, .copy([Item(drive, .path(top.path! + "/p"))], into: Item(local, path: work.path + "/back")))
        for seen in [up, down] {
            #expect(seen.first?.state == .queued)
            #expect(seen.last?.state == .done, "\(String(describing: seen.last?.error))")
            #expect(seen.last?.fraction == 1)
            #expect(seen.last?.bytesDone == seen.last?.bytesTotal)
            let fractions = seen.map(\.fraction)
            #expect(zip(fractions, fractions.dropFirst()).allSatisfy { $0 <= $1 }, "\(fractions)")
            let bytes = seen.map(\.bytesDone)
            #expect(zip(bytes, bytes.dropFirst()).allSatisfy { $0 <= $1 })
        }
        #expect(down.last?.kind == .download)
    }

    /// Progress is coalesced: 1,000 files copied on disk (each a progress step) publish far
    /// fewer snapshots, and the last one still says done. The bound itself is counted, not timed.
    @Test func snapshotsAreThrottledNotOnePerStep() async throws {
        let (local, work) = Env.local()
        try makeTree(at: work.appendingPathComponent("many"), small: 1000, big: 0)
        try FileManager.default.createDirectory(atPath: work.path + "/copy", withIntermediateDirectories: true)
        var config = JobQueue.Config()
        config.snapshotsPerSecond = 2
        let q = JobQueue(config: config)
        let (_, seen) = try await watch(q, .copy([Item(local, path: work.path + "/many")], into: Item(local, path: work.path + "/copy")))
        #expect(seen.last?.state == .done && seen.last?.filesDone == seen.last?.filesTotal)
        #expect(seen.count < 200, "\(seen.count) snapshots for about 1,000 progress steps")
    }

    @Test func cancelMidUploadLeavesNothingPartial() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud(slow: true)
        let top = try await drive.testFolder("cancel-up")
        try write(work.appendingPathComponent("big.bin"), 24 << 20)
        let q = JobQueue()
        let stream = await q.updates()
        let id = try await q.submit(.copy([Item(local, path: work.path + "/big.bin")], into: Item(drive, top.ref)))[0]
        for await s in stream where s.id == id && s.bytesDone > 0 { break }
        await q.cancel(id)
        let s = await q.wait(id)
        #expect(s.state == .cancelled)
        // nopartial: the server dropped the incomplete file.
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await drive.list(top.ref).isEmpty)
        #expect(FileManager.default.fileExists(atPath: work.path + "/big.bin"))
    }

    @Test func cancelMidDownloadLeavesNoTemporaryFile() async throws {
        let (local, work) = Env.local()
        let fast = try await Env.cloud()
        let slow = try await Env.cloud(slow: true)
        let top = try await slow.testFolder("cancel-down")
        try write(work.appendingPathComponent("big.bin"), 6 << 20)
        // Upload on the slow sandbox's account (its bandwidth fault slows both directions).
        _ = fast
        let fileid = try await slow.client.uploadFile(work.appendingPathComponent("big.bin"), to: top.folderid!).metadata.fileid!
        try FileManager.default.createDirectory(atPath: work.path + "/down", withIntermediateDirectories: true)
        let q = JobQueue()
        let stream = await q.updates()
        let id = try await q.submit(.copy([Item(slow, .file(fileid))], into: Item(local, path: work.path + "/down")))[0]
        for await s in stream where s.id == id && s.bytesDone > 0 { break }
        await q.cancel(id)
        #expect(await q.wait(id).state == .cancelled)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path + "/down").isEmpty)
    }

    @Test func failedJobsRetryAndHistoryIsKept() async throws {
        let (local, work) = Env.local()
        let q = JobQueue(config: .init(concurrentJobs: 1))
        let missing = Item(local, path: work.path + "/later.txt")
        let id = try await q.submit(.copy([missing], into: Item(local, path: work.path + "/dst")))[0]
        let failed = await q.wait(id)
        #expect(failed.state == .failed && failed.error?.kind == .notFound)
        try write(work.appendingPathComponent("later.txt"), 42)
        try FileManager.default.createDirectory(atPath: work.path + "/dst", withIntermediateDirectories: true)
        await q.retry(id)
        let again = await q.wait(id)
        #expect(again.state == .done && again.attempt == 2)
        #expect(FileManager.default.fileExists(atPath: work.path + "/dst/later.txt"))
        #expect(await q.history().map(\.id) == [id])
    }

    @Test func cloudErrorsKeepThePCloudCode() async throws {
        let drive = try await Env.cloud()
        let q = JobQueue()
        let id = try await q.submit(.mkdir("x", in: Item(drive, .folder(999_999_999))))[0]
        let s = await q.wait(id)
        #expect(s.state == .failed)
        #expect(s.error?.code == 2005)
    }
}
