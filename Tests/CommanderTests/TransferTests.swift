import Foundation
@testable import Commander
import Testing

/// Copy and move across every pairing, byte-identical trees (hashes compared).
@Suite struct TransferTests {
    let queue = JobQueue()

    @Test func copyLocalToLocal() async throws {
        let (drive, work) = Env.local()
        try makeTree(at: work.appendingPathComponent("src"))
        try FileManager.default.createDirectory(at: work.appendingPathComponent("dst"), withIntermediateDirectories: true)
        let done = try await queue.perform(.copy([Item(drive, path: work.path + "/src")], into: Item(drive, path: work.path + "/dst")))
        #expect(done[0].kind == .localCopy && done[0].state == .done)
        let want = try await hashes(drive, .path(work.path + "/src"))
        #expect(try await hashes(drive, .path(work.path + "/dst/src")) == want)
        #expect(want.count == 19)
    }

    @Test func copyLocalToCloudAndBack() async throws {
        let (local, work) = Env.local()
        let cloudDrive = try await Env.cloud()
        let top = try await cloudDrive.testFolder("upload")
        try makeTree(at: work.appendingPathComponent("src"), small: 40)
        let up = try await queue.perform(.copy([Item(local, path: work.path + "/src")], into: Item(cloudDrive, top.ref)))
        #expect(up[0].kind == .upload && up[0].filesDone == up[0].filesTotal && up[0].bytesDone == up[0].bytesTotal)
        let want = try await hashes(local, .path(work.path + "/src"))
        let uploaded = try #require(try await child(cloudDrive, top.ref, "src"))
        #expect(try await hashes(cloudDrive, uploaded.ref) == want)

        // …and back down: verified atomic downloads, no temporary files left.
        try FileManager.default.createDirectory(at: work.appendingPathComponent("back"), withIntermediateDirectories: true)
        let down = try await queue.perform(.copy([Item(cloudDrive, uploaded.ref)], into: Item(local, path: work.path + "/back")))
        #expect(down[0].kind == .download)
        #expect(try await hashes(local, .path(work.path + "/back/src")) == want)
        let leftovers = FileManager.default.enumerator(atPath: work.path + "/back")!.compactMap { $0 as? String }
            .filter { $0.contains("pcmd-part") }
        #expect(leftovers.isEmpty)
    }

    @Test func copyCloudToCloudIsServerSide() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud()
        let top = try await drive.testFolder("c2c")
        try makeTree(at: work.appendingPathComponent("src"), big: 100_000)
        try await queue.perform(.copy([Item(local, path: work.path + "/src")], into: Item(drive, top.ref)))
        let src = try #require(try await child(drive, top.ref, "src"))
        let dst = try await drive.mkdir("dst", in: top.ref)
        let file = try #require(try await child(drive, src.ref, "top.bin"))
        let r = try await queue.perform(.copy([Item(drive, src.ref), Item(drive, file.ref)], into: Item(drive, dst.ref)))
        #expect(r.map(\.kind) == [.serverCopy, .serverCopy])
        let copied = try #require(try await child(drive, dst.ref, "src"))
        #expect(copied.folderid != src.folderid)
        #expect(try await hashes(drive, copied.ref) == (try await hashes(drive, src.ref)))
        #expect(try await child(drive, dst.ref, "top.bin")?.hash == file.hash)
    }

    @Test func moveAcrossEveryPairingRemovesSourcesOnlyAfterTheCopy() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud()
        let top = try await drive.testFolder("move")
        try makeTree(at: work.appendingPathComponent("m"), small: 5, big: 200_000)
        let want = try await hashes(local, .path(work.path + "/m"))

        // local → cloud
        try await queue.perform(.move([Item(local, path: work.path + "/m")], into: Item(drive, top.ref)))
        #expect(!FileManager.default.fileExists(atPath: work.path + "/m"))
        let m = try #require(try await child(drive, top.ref, "m"))
        #expect(try await hashes(drive, m.ref) == want)

        // cloud → cloud (renamefolder: same folderid)
        let inner = try await drive.mkdir("inner", in: top.ref)
        try await queue.perform(.move([Item(drive, m.ref)], into: Item(drive, inner.ref)))
        #expect(try await child(drive, top.ref, "m") == nil)
        #expect(try await child(drive, inner.ref, "m")?.folderid == m.folderid)

        // cloud → local
        let r = try await queue.perform(.move([Item(drive, m.ref)], into: Item(local, path: work.path)))
        #expect(r[0].kind == .download)
        #expect(try await drive.list(inner.ref).isEmpty)
        #expect(try await hashes(local, .path(work.path + "/m")) == want)

        // local → local
        try FileManager.default.createDirectory(atPath: work.path + "/to", withIntermediateDirectories: true)
        try await queue.perform(.move([Item(local, path: work.path + "/m")], into: Item(local, path: work.path + "/to")))
        #expect(try await hashes(local, .path(work.path + "/to/m")) == want)
        #expect(!FileManager.default.fileExists(atPath: work.path + "/m"))
    }

    @Test func moveWhoseVerifyFailsKeepsTheSource() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud()
        let top = try await drive.testFolder("verify")
        let data = try write(work.appendingPathComponent("keep.bin"), 300_000)
        var config = JobQueue.Config(transientRetries: 0)
        // Between the copy and its verification, the uploaded copy is replaced by other bytes.
        config.hooks.afterCopy = { placed, target in
            guard let cloudTarget = target as? CloudDrive, let id = placed.fileid, let parent = placed.parentfolderid else { return }
            let other = Env.scratch().appendingPathComponent(placed.name)
            try write(other, 1000, seed: 99)
            _ = try await cloudTarget.client.uploadFile(other, to: parent)
            _ = id
        }
        let q = JobQueue(config: config)
        let id = try await q.submit(.move([Item(local, path: work.path + "/keep.bin")], into: Item(drive, top.ref)))[0]
        let s = await q.wait(id)
        #expect(s.state == .failed)
        #expect(s.error?.kind == .verifyFailed)
        #expect(try Data(contentsOf: work.appendingPathComponent("keep.bin")) == data)
    }

    @Test func renameMkdirAndDeleteOnBothDrives() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud()
        let top = try await drive.testFolder("rmd")
        for (d, folder) in [(local as any Drive, ItemRef.path(work.path)), (drive, top.ref)] {
            let made = try await queue.perform(.mkdir("new", in: Item(d, folder)))
            guard case .entries(let e)? = made[0].result, let folderEntry = e.first else { Issue.record("no entry"); continue }
            let renamed = try await queue.perform(.rename(Item(d, folderEntry.ref), to: "renamed"))
            guard case .entries(let r)? = renamed[0].result else { Issue.record("no entry"); continue }
            #expect(r.first?.name == "renamed")
            try await queue.perform(.delete([Item(d, r[0].ref)], permanent: false))
            #expect(try await d.list(folder).isEmpty)
        }
        #expect(try await local.trashList().map(\.name) == ["renamed"])
    }
}
