import Foundation
@testable import Commander
import Testing
@preconcurrency import ZIPFoundation

/// Zip and extract round trips on both drives, compared by hashes; unsafe archives refused.
@Suite struct ArchiveTests {
    let queue = JobQueue()

    @Test func localZipAndExtractRoundTrip() async throws {
        let (drive, work) = Env.local()
        try makeTree(at: work.appendingPathComponent("tree"))
        try write(work.appendingPathComponent("loose.txt"), 123)
        let zipped = try await queue.perform(.zip([Item(drive, path: work.path + "/tree"), Item(drive, path: work.path + "/loose.txt")],
                                                  into: Item(drive, path: work.path), name: "out.zip"))
        #expect(zipped[0].fraction == 1)
        try FileManager.default.createDirectory(atPath: work.path + "/x", withIntermediateDirectories: true)
        try await queue.perform(.extract(Item(drive, path: work.path + "/out.zip"), into: Item(drive, path: work.path + "/x"),
                                         password: nil))
        #expect(try await hashes(drive, .path(work.path + "/x/tree")) == (try await hashes(drive, .path(work.path + "/tree"))))
        #expect(try await drive.checksum(.path(work.path + "/x/loose.txt")) == sha1(bytes(123)))
        // Extracting again keeps both by default.
        try await queue.perform(.extract(Item(drive, path: work.path + "/out.zip"), into: Item(drive, path: work.path + "/x"),
                                         password: nil))
        #expect(FileManager.default.fileExists(atPath: work.path + "/x/loose (1).txt"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path + "/x").allSatisfy { !$0.hasPrefix(".pcmd") })
    }

    @Test func cloudSaveZipAndExtractArchiveRoundTrip() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud()
        let top = try await drive.testFolder("zip")
        try makeTree(at: work.appendingPathComponent("tree"), big: 500_000)
        try await queue.perform(.copy([Item(local, path: work.path + "/tree")], into: Item(drive, top.ref)))
        let tree = try #require(try await child(drive, top.ref, "tree"))
        let want = try await hashes(drive, tree.ref)

        let zipped = try await queue.perform(.zip([Item(drive, tree.ref)], into: Item(drive, top.ref), name: "tree.zip"))
        #expect(zipped[0].state == .done && zipped[0].fraction == 1)
        let zip = try #require(try await child(drive, top.ref, "tree.zip"))
        let out = try await drive.mkdir("out", in: top.ref)
        try await queue.perform(.extract(Item(drive, zip.ref), into: Item(drive, out.ref), password: nil))
        let extracted = try #require(try await child(drive, out.ref, "tree"))
        #expect(try await hashes(drive, extracted.ref).filter { $0.value != "/" } == want.filter { $0.value != "/" })

        // The same cloud zip streamed to disk (getzip), then extracted locally.
        try await queue.perform(.zip([Item(drive, tree.ref)], into: Item(local, path: work.path), name: "down.zip"))
        try FileManager.default.createDirectory(atPath: work.path + "/d", withIntermediateDirectories: true)
        try await queue.perform(.extract(Item(local, path: work.path + "/down.zip"), into: Item(local, path: work.path + "/d"),
                                         password: nil))
        #expect(try await hashes(local, .path(work.path + "/d/tree")).filter { $0.value != "/" } == want.filter { $0.value != "/" })

        // A cloud archive extracted to disk; a local zip uploaded into the cloud.
        try FileManager.default.createDirectory(atPath: work.path + "/e", withIntermediateDirectories: true)
        try await queue.perform(.extract(Item(drive, zip.ref), into: Item(local, path: work.path + "/e"), password: nil))
        #expect(try await hashes(local, .path(work.path + "/e/tree")).filter { $0.value != "/" } == want.filter { $0.value != "/" })
        try await queue.perform(.zip([Item(local, path: work.path + "/tree")], into: Item(drive, top.ref), name: "up.zip"))
        #expect(try await child(drive, top.ref, "up.zip") != nil)

        // A local archive unpacked into the cloud: uploaded, extracted by the server, tidied up.
        let fromDisk = try await drive.mkdir("from-disk", in: top.ref)
        try await queue.perform(.extract(Item(local, path: work.path + "/down.zip"), into: Item(drive, fromDisk.ref), password: nil))
        let unpacked = try #require(try await child(drive, fromDisk.ref, "tree"))
        #expect(try await hashes(drive, unpacked.ref).filter { $0.value != "/" } == want.filter { $0.value != "/" })
        #expect(try await drive.list(fromDisk.ref).map(\.name) == ["tree"])
    }

    @Test func unsafeArchivesAreRefusedWhole() async throws {
        let (drive, work) = Env.local()
        let victim = work.appendingPathComponent("x")
        try FileManager.default.createDirectory(at: victim, withIntermediateDirectories: true)
        let cases: [(String, (Archive) throws -> Void)] = [
            ("dotdot.zip", { a in try Self.add(a, "ok.txt"); try Self.add(a, "../escape.txt") }),
            ("absolute.zip", { a in try Self.add(a, "/tmp/pcmd-escape-\(UUID().uuidString).txt") }),
            ("link.zip", { a in
                let target = Data("../../etc".utf8)
                let provider: Provider = { (_: Int64, _: Int) in target }
                try a.addEntry(with: "evil", type: .symlink, uncompressedSize: Int64(target.count), provider: provider)
            }),
        ]
        for (name, build) in cases {
            let url = work.appendingPathComponent(name)
            let archive = try Archive(url: url, accessMode: .create)
            try build(archive)
            let id = try await queue.submit(.extract(Item(drive, path: url.path), into: Item(drive, path: victim.path), password: nil))[0]
            let s = await queue.wait(id)
            #expect(s.state == .failed && s.error?.kind == .unsafeArchive, "\(name)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: victim.path).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: work.path + "/escape.txt"))
    }

    static func add(_ a: Archive, _ path: String) throws {
        let data = Data("x".utf8)
        let provider: Provider = { (pos: Int64, size: Int) in data.subdata(in: Int(pos)..<Int(pos) + size) }
        try a.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), provider: provider)
    }
}
