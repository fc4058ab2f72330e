import Foundation
@testable import Commander
import Testing

@Suite struct ConflictTests {
    let queue = JobQueue()

    /// Two local folders where `dst` already holds `a.txt` and `b.txt` with other content.
    func setup() throws -> (LocalDrive, URL) {
        let (drive, work) = Env.local()
        try write(work.appendingPathComponent("src/a.txt"), 10, seed: 1)
        try write(work.appendingPathComponent("src/b.txt"), 20, seed: 2)
        try write(work.appendingPathComponent("src/c.txt"), 30, seed: 3)
        try write(work.appendingPathComponent("dst/a.txt"), 11, seed: 4)
        try write(work.appendingPathComponent("dst/b.txt"), 21, seed: 5)
        return (drive, work)
    }

    func copyAll(_ drive: LocalDrive, _ work: URL, _ resolver: any ConflictResolver) async throws {
        let items = ["a.txt", "b.txt", "c.txt"].map { Item(drive, path: work.path + "/src/" + $0) }
        try await queue.perform(.copy(items, into: Item(drive, path: work.path + "/dst")), resolver: resolver)
    }

    func names(_ url: URL) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }

    @Test func theDefaultNeverOverwrites() async throws {
        let (drive, work) = try setup()
        try await queue.perform(.copy([Item(drive, path: work.path + "/src/a.txt")], into: Item(drive, path: work.path + "/dst")))
        #expect(try Data(contentsOf: work.appendingPathComponent("dst/a.txt")) == bytes(11, seed: 4))
        #expect(try Data(contentsOf: work.appendingPathComponent("dst/a (1).txt")) == bytes(10, seed: 1))
    }

    @Test func overwriteSkipAndRename() async throws {
        let (drive, work) = try setup()
        try await copyAll(drive, work, FixedResolver(.overwrite))
        #expect(try Data(contentsOf: work.appendingPathComponent("dst/a.txt")) == bytes(10, seed: 1))
        #expect(try names(work.appendingPathComponent("dst")) == ["a.txt", "b.txt", "c.txt"])

        let (d2, w2) = try setup()
        try await copyAll(d2, w2, FixedResolver(.skip))
        #expect(try Data(contentsOf: w2.appendingPathComponent("dst/a.txt")) == bytes(11, seed: 4))
        #expect(try names(w2.appendingPathComponent("dst")) == ["a.txt", "b.txt", "c.txt"])

        let (d3, w3) = try setup()
        let typed = AskingResolver { c in ConflictResolution(.rename("new-" + c.source.name)) }
        try await copyAll(d3, w3, typed)
        #expect(try names(w3.appendingPathComponent("dst")) == ["a.txt", "b.txt", "c.txt", "new-a.txt", "new-b.txt"])
    }

    @Test func applyToAllAsksOnce() async throws {
        let (drive, work) = try setup()
        let asked = Locked(0)
        let resolver = AskingResolver { _ in
            asked.withLock { $0 += 1 }
            return ConflictResolution(.skip, applyToAll: true)
        }
        // One action, two conflicting files in one folder copy.
        try await queue.perform(.copy([Item(drive, path: work.path + "/src")], into: Item(drive, path: work.path + "/dst")),
                                resolver: resolver)
        try FileManager.default.createDirectory(at: work.appendingPathComponent("dst2/src"), withIntermediateDirectories: true)
        try write(work.appendingPathComponent("dst2/src/a.txt"), 1)
        try write(work.appendingPathComponent("dst2/src/b.txt"), 1)
        try await queue.perform(.copy([Item(drive, path: work.path + "/src")], into: Item(drive, path: work.path + "/dst2")),
                                resolver: resolver)
        #expect(asked.current == 1)
        #expect(try names(work.appendingPathComponent("dst2/src")) == ["a.txt", "b.txt", "c.txt"])
    }

    @Test func cloudConflictsKeepRevisionsOnOverwrite() async throws {
        let (local, work) = try setup()
        let drive = try await Env.cloud()
        let top = try await drive.testFolder("conflict")
        try await queue.perform(.copy([Item(local, path: work.path + "/dst/a.txt")], into: Item(drive, top.ref)))
        // keep both by default, then overwrite on request.
        try await queue.perform(.copy([Item(local, path: work.path + "/src/a.txt")], into: Item(drive, top.ref)))
        #expect(try await drive.list(top.ref).map(\.name).sorted() == ["a (1).txt", "a.txt"])
        try await queue.perform(.copy([Item(local, path: work.path + "/src/a.txt")], into: Item(drive, top.ref)),
                                resolver: FixedResolver(.overwrite))
        let a = try #require(try await child(drive, top.ref, "a.txt"))
        #expect(try await drive.checksum(a.ref) == sha1(bytes(10, seed: 1)))
        #expect(try await drive.revisions(of: a.ref).count >= 1)
        // cloud → cloud skip leaves the target alone.
        let other = try await drive.mkdir("other", in: top.ref)
        try await queue.perform(.copy([Item(local, path: work.path + "/dst/a.txt")], into: Item(drive, other.ref)))
        try await queue.perform(.copy([Item(drive, a.ref)], into: Item(drive, other.ref)), resolver: FixedResolver(.skip))
        let kept = try #require(try await child(drive, other.ref, "a.txt"))
        #expect(try await drive.checksum(kept.ref) == sha1(bytes(11, seed: 4)))
        #expect(try await drive.list(other.ref).count == 1)
    }
}
