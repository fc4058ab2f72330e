import Foundation
@testable import Commander
import Testing

/// The persistent queue: rows written as jobs run, read back by another store as a crashed
/// process leaves them, resumed, and the history kept bounded.
@Suite struct JobStoreTests {
    func storeURL(_ dir: URL, _ name: String = "jobs.sqlite") -> URL { dir.appendingPathComponent("state/pcmd/\(name)") }

    @Test func anInterruptedDownloadIsReadBackUnfinishedAndResumes() async throws {
        let (local, work) = Env.local()
        let slow = try await Env.cloud(slow: true)
        let top = try await slow.testFolder("stored-down")
        let data = try write(work.appendingPathComponent("big.bin"), 8 << 20)
        let fileid = try await slow.client.uploadFile(work.appendingPathComponent("big.bin"), to: top.folderid!).metadata.fileid!
        try FileManager.default.createDirectory(atPath: work.path + "/down", withIntermediateDirectories: true)
        let url = storeURL(work)
        let store = try JobStore(at: url)
        let q = JobQueue(store: store, profile: "work")
        let stream = await q.updates()
        let source = Item(slow, .file(fileid), name: top.path! + "/big.bin")
        let id = try await q.submit(.copy([source], into: Item(local, path: work.path + "/down")))[0]
        for await s in stream where s.id == id && s.bytesDone > 0 { break }
        // Another process's view while it runs: the row says running with some bytes done.
        // Its file as it is now is what `kill -9` would leave behind.
        var seen: StoredJob?
        for _ in 0..<200 {
            seen = try JobStore(at: url).unfinished().first
            if let seen, seen.bytesDone > 0 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let crashed = storeURL(work, "crashed.sqlite")
        try FileManager.default.copyItem(at: url, to: crashed)
        await q.cancel(id)
        #expect(await q.wait(id).state == .cancelled)
        #expect(try store.unfinished().isEmpty, "a cancelled job is history, not interrupted")
        #expect(try store.history().first?.state == .cancelled)

        let after = try JobStore(at: crashed)
        let row = try #require(try after.unfinished().first)
        #expect(row.state == .running && row.bytesDone > 0 && row.bytesDone < row.bytesTotal, "\(row)")
        #expect(row.bytesTotal == Int64(data.count) && row.kind == .download)
        #expect(row.action == .copy(.init(side: .cloud(profile: "work"), ref: .file(fileid), name: top.path! + "/big.bin"),
                                    into: .init(side: .local, ref: .path(work.path + "/down"), name: nil), name: nil, move: false))

        let again = JobQueue(store: after)
        let ids = try await again.resume(row, on: .init(local: local, cloud: slow))
        let done = await again.wait(ids[0])
        #expect(done.state == .done, "\(String(describing: done.error))")
        #expect(try Data(contentsOf: work.appendingPathComponent("down/big.bin")) == data)
        #expect(try after.unfinished().isEmpty)
        let finished = try #require(try after.history().first)
        #expect(finished.id == row.id && finished.state == .done && finished.bytesDone == Int64(data.count))
    }

    @Test func onlyTransfersAreStored() async throws {
        let (local, work) = Env.local()
        let store = try JobStore(at: storeURL(work))
        let q = JobQueue(store: store)
        try await q.perform(.mkdir("made", in: Item(local, path: work.path)))
        #expect(try store.unfinished().isEmpty && store.history().isEmpty)
        try write(work.appendingPathComponent("a.txt"), 10)
        try await q.perform(.copyAs(Item(local, path: work.path + "/a.txt"), into: Item(local, path: work.path + "/made"), name: "b.txt", move: false))
        let row = try #require(try store.history().first)
        #expect(row.state == .done && row.filesDone == 1 && row.kind == .localCopy)
        guard case .copy(_, _, "b.txt", false) = row.action else { Issue.record("\(row.action)"); return }
    }

    @Test func historyKeepsTheNewestTwoHundredAndNothingOlderThanThirtyDays() throws {
        let (_, work) = Env.local()
        let store = try JobStore(at: storeURL(work))
        let now = Date()
        let action = StoredAction.copy(.init(side: .local, ref: .path("/a"), name: nil),
                                       into: .init(side: .local, ref: .path("/b"), name: nil), name: nil, move: false)
        func finished(_ title: String, at date: Date) throws -> StoredJob {
            var job = try store.insert(StoredJob(id: nil, title: title, kind: .localCopy, action: action, state: .running,
                                                 queuedAt: date, updatedAt: date))
            job.state = .done; job.updatedAt = date; job.finishedAt = date
            return job
        }
        try store.save(try finished("old", at: now.addingTimeInterval(-31 * 86_400)))
        let interrupted = try store.insert(StoredJob(id: nil, title: "interrupted", kind: .download, action: action,
                                                     state: .running, queuedAt: now, updatedAt: now))
        #expect(try store.history().map(\.title) == [], "a job older than 30 days is trimmed as it is saved")
        for i in 0..<205 { try store.save(try finished("job \(i)", at: now.addingTimeInterval(Double(i)))) }
        let history = try store.history()
        #expect(history.count == JobStore.historyLimit)
        #expect(history.first?.title == "job 204" && history.last?.title == "job 5")
        #expect(try store.unfinished().map(\.id) == [interrupted.id], "trimming never touches unfinished jobs")
        #expect(try store.drop([interrupted.id!, history[0].id!]) == [interrupted.id!], "drop forgets only unfinished jobs")
        #expect(try store.unfinished().isEmpty && store.history().count == JobStore.historyLimit)
    }
}
