import Foundation
@testable import Commander
import Testing

/// `copyAs`: one item lands under another name, on every kind of pairing.
@Suite struct CopyAsTests {
    let queue = JobQueue()

    @Test func uploadAndServerCopyUnderANewName() async throws {
        let (local, work) = Env.local()
        let cloudDrive = try await Env.cloud()
        let top = try await cloudDrive.testFolder("copyas")
        let data = try write(work.appendingPathComponent("a.bin"), 5000)

        let up = try await queue.perform(.copyAs(Item(local, path: work.path + "/a.bin"), into: Item(cloudDrive, top.ref),
                                                 name: "b.bin", move: false))
        guard case .entries(let placed)? = up[0].result else { Issue.record("no entry"); return }
        #expect(placed.first?.name == "b.bin")
        let b = try #require(try await child(cloudDrive, top.ref, "b.bin"))
        #expect(try await cloudDrive.checksum(b.ref) == sha1(data))

        try await queue.perform(.copyAs(Item(cloudDrive, b.ref), into: Item(cloudDrive, top.ref), name: "c.bin", move: true))
        #expect(try await cloudDrive.list(top.ref).map(\.name) == ["c.bin"])
    }

    @Test func anExistingNameAsksTheResolver() async throws {
        let (local, work) = Env.local()
        _ = try write(work.appendingPathComponent("x.txt"), 10)
        _ = try write(work.appendingPathComponent("y.txt"), 20, seed: 3)
        try await queue.perform(.copyAs(Item(local, path: work.path + "/x.txt"), into: Item(local, path: work.path),
                                        name: "y.txt", move: false), resolver: FixedResolver(.keepBoth))
        let names = try FileManager.default.contentsOfDirectory(atPath: work.path).sorted()
        #expect(names.contains("y (1).txt") && names.contains("x.txt"), "\(names)")
    }
}
