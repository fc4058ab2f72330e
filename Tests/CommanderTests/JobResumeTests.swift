import Foundation
@testable import Commander
import Testing

/// A stored folder copy cut after some files arrived: resumed from the store as a crashed
/// process left it, it neither sends nor asks about what arrived, and a file changed since it
/// began is reported, not resumed.
@Suite struct JobResumeTests {
    @Test func aResumedFolderCopySkipsWhatArrivedAndReportsAChangedSource() async throws {
        let (local, work) = Env.local()
        let cloud = try await Env.cloud()
        let top = try await cloud.testFolder("resume-tree")
        let tree = work.appendingPathComponent("tree")
        var data: [String: Data] = [:]
        for i in 1...5 { data["f\(i).bin"] = try write(tree.appendingPathComponent("f\(i).bin"), (1 << 20) + i * 1000, seed: UInt32(i)) }
        let url = work.appendingPathComponent("state/jobs.sqlite")
        let crashed = work.appendingPathComponent("state/crashed.sqlite")
        var config = JobQueue.Config(concurrentJobs: 1, parallelTransfers: 1)
        config.uploadBatchFiles = 1
        let plain = config
        let placed = Locked(0)
        config.hooks.afterCopy = { _, _ in
            // The third file is on pCloud but not yet recorded: keep the store as `kill -9`
            // would leave it, then stop.
            guard placed.withLock({ $0 += 1; return $0 }) == 3 else { return }
            try FileManager.default.copyItem(at: url, to: crashed)
            throw CancellationError()
        }
        let first = JobQueue(config: config, store: try JobStore(at: url))
        let id = try await first.submit(.copy([Item(local, path: tree.path)], into: Item(cloud, top)))[0]
        #expect(await first.wait(id).state == .cancelled)

        // f3 began before the cut and changes before the resume.
        let f3 = tree.appendingPathComponent("f3.bin")
        let h = try FileHandle(forWritingTo: f3)
        try h.seekToEnd()
        try h.write(contentsOf: Data("more".utf8))
        try h.close()

        let store = try JobStore(at: crashed)
        let row = try #require(try store.interrupted().first)
        let asked = Locked<[String]>([])
        let again = JobQueue(config: plain, store: store)
        let ids = try await again.resume(row, on: .init(local: local, cloud: cloud), resolver: AskingResolver { c in
            asked.withLock { $0.append(c.source.name) }
            return ConflictResolution(.overwrite)
        })
        let done = await again.wait(ids[0])
        #expect(done.state == .done, "\(String(describing: done.error))")
        #expect(asked.current.isEmpty, "arrived files are neither sent nor asked about again: \(asked.current)")
        #expect(done.skipped.map(\.path) == [f3.path], "\(done.skipped)")
        #expect(done.skipped.first?.reason.contains("changed since the job began") == true, "\(done.skipped)")
        #expect(done.filesDone == 5)

        let copied = try #require(try await cloud.list(top.ref).first { $0.name == "tree" })
        let files = try await cloud.list(copied.ref)
        #expect(Set(files.map(\.name)) == ["f1.bin", "f2.bin", "f3.bin", "f4.bin", "f5.bin"])
        for f in files where f.name != "f3.bin" {
            #expect(try await cloud.checksum(f.ref) == sha1(data[f.name]!), "\(f.name)")
        }
        #expect(try store.unfinished().isEmpty)
    }

    /// A partial download whose bytes are not the file's fails the SHA-1 check at the end: the
    /// file is fetched again from its start, and no bad byte is kept.
    @Test func aBadPartialDownloadIsFetchedAgain() async throws {
        let (local, work) = Env.local()
        let cloud = try await Env.cloud()
        let top = try await cloud.testFolder("bad-part")
        let data = try write(work.appendingPathComponent("up/f.bin"), 3 << 20, seed: 11)
        let file = try await cloud.client.uploadFile(work.appendingPathComponent("up/f.bin"), to: top.folderid!)
        let down = work.appendingPathComponent("down")
        try write(down.appendingPathComponent(".f.bin.pcmd-part"), 1 << 20, seed: 12)
        let q = JobQueue()
        let snaps = try await q.perform(.copy([Item(cloud, .file(file.metadata.fileid!))], into: Item(local, path: down.path)))
        #expect(snaps.first?.state == .done)
        #expect(try Data(contentsOf: down.appendingPathComponent("f.bin")) == data)
        #expect(!FileManager.default.fileExists(atPath: down.appendingPathComponent(".f.bin.pcmd-part").path))
    }
}
