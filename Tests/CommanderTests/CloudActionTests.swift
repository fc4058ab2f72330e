import Foundation
@testable import Commander
import Testing

/// Trash, revisions, public links, shares and upload links.
@Suite struct CloudActionTests {
    let queue = JobQueue()

    @Test func cloudTrashRestoresInPlaceAndIntoAFolder() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud(trash: true)
        let top = try await drive.testFolder("trash")
        try write(work.appendingPathComponent("one.txt"), 111, seed: 1)
        try write(work.appendingPathComponent("two.txt"), 222, seed: 2)
        try await queue.perform(.copy([Item(local, path: work.path + "/one.txt"), Item(local, path: work.path + "/two.txt")],
                                      into: Item(drive, top.ref)))
        let files = try await drive.list(top.ref)
        try await queue.perform(.delete(files.map { Item(drive, $0.ref) }, permanent: false))
        #expect(try await drive.list(top.ref).isEmpty)
        let trashed = try await drive.trashList().filter { e in files.contains { $0.fileid == e.fileid } }
        #expect(trashed.count == 2)

        let one = try #require(trashed.first { $0.name == "one.txt" })
        let two = try #require(trashed.first { $0.name == "two.txt" })
        let elsewhere = try await drive.mkdir("restored", in: top.ref)
        try await queue.perform(.restore([one], drive: drive, into: nil))
        try await queue.perform(.restore([two], drive: drive, into: Item(drive, elsewhere.ref)))
        let back = try #require(try await child(drive, top.ref, "one.txt"))
        #expect(try await drive.checksum(back.ref) == sha1(bytes(111, seed: 1)))
        let moved = try #require(try await child(drive, elsewhere.ref, "two.txt"))
        #expect(try await drive.checksum(moved.ref) == sha1(bytes(222, seed: 2)))
    }

    @Test func emptyTrashAndPermanentDelete() async throws {
        let drive = try await Env.cloud(1, trash: true)
        let top = try await drive.testFolder("empty")
        let sub = try await drive.mkdir("gone", in: top.ref)
        try await queue.perform(.delete([Item(drive, sub.ref)], permanent: true))
        #expect(try await drive.trashList().contains { $0.folderid == sub.folderid } == false)
        try await queue.perform(.delete([Item(drive, top.ref)], permanent: false))
        #expect(try await drive.trashList().isEmpty == false)
        try await queue.perform(.emptyTrash(drive))
        #expect(try await drive.trashList().isEmpty)

        // Without a password sign-in the trash says so plainly.
        let oauthOnly = try await Env.cloud(1)
        let e = await #expect(throws: CommanderError.self) { try await oauthOnly.trashList() }
        #expect(e?.kind == .passwordSignInRequired)
    }

    @Test func localTrashRestoresAndEmpties() async throws {
        let (drive, work) = Env.local()
        try write(work.appendingPathComponent("f.txt"), 9)
        try await queue.perform(.delete([Item(drive, path: work.path + "/f.txt")], permanent: false))
        let trashed = try await drive.trashList()
        try await queue.perform(.restore(trashed, drive: drive, into: nil))
        #expect(try Data(contentsOf: work.appendingPathComponent("f.txt")) == bytes(9))
        try await queue.perform(.delete([Item(drive, path: work.path + "/f.txt")], permanent: false))
        try FileManager.default.createDirectory(atPath: work.path + "/into", withIntermediateDirectories: true)
        try await queue.perform(.restore(try await drive.trashList(), drive: drive, into: Item(drive, path: work.path + "/into")))
        #expect(FileManager.default.fileExists(atPath: work.path + "/into/f.txt"))
        try await queue.perform(.delete([Item(drive, path: work.path + "/into/f.txt")], permanent: false))
        try await queue.perform(.emptyTrash(drive))
        #expect(try await drive.trashList().isEmpty)
    }

    @Test func revertAndDownloadRevisionBringOldContentBack() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud()
        let top = try await drive.testFolder("rev")
        try write(work.appendingPathComponent("doc.txt"), 1000, seed: 1)
        try await queue.perform(.copy([Item(local, path: work.path + "/doc.txt")], into: Item(drive, top.ref)))
        try write(work.appendingPathComponent("doc.txt"), 2000, seed: 2)
        try await queue.perform(.copy([Item(local, path: work.path + "/doc.txt")], into: Item(drive, top.ref)),
                                resolver: FixedResolver(.overwrite))
        let doc = try #require(try await child(drive, top.ref, "doc.txt"))
        let revisions = try await drive.revisions(of: doc.ref)
        let old = try #require(revisions.first { $0.size == 1000 })

        // Saved beside, in the cloud and on disk, without touching the file.
        try await queue.perform(.downloadRevision(Item(drive, doc.ref), revisionid: old.revisionid, into: Item(drive, top.ref), name: nil))
        let copy = try #require(try await child(drive, top.ref, "doc (1).txt"))
        #expect(try await drive.checksum(copy.ref) == sha1(bytes(1000, seed: 1)))
        try FileManager.default.createDirectory(atPath: work.path + "/old", withIntermediateDirectories: true)
        try await queue.perform(.downloadRevision(Item(drive, doc.ref), revisionid: old.revisionid,
                                                  into: Item(local, path: work.path + "/old"), name: "v1.txt"))
        #expect(try Data(contentsOf: work.appendingPathComponent("old/v1.txt")) == bytes(1000, seed: 1))

        try await queue.perform(.revert(Item(drive, doc.ref), revisionid: old.revisionid))
        #expect(try await drive.checksum(doc.ref) == sha1(bytes(1000, seed: 1)))
        #expect(try await drive.revisions(of: doc.ref).contains { $0.size == 2000 })
    }

    @Test func publinksCreateChangeDelete() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud()
        let top = try await drive.testFolder("link")
        try write(work.appendingPathComponent("share.txt"), 50)
        try await queue.perform(.copy([Item(local, path: work.path + "/share.txt")], into: Item(drive, top.ref)))
        for item in [Item(drive, .path(top.path! + "/share.txt")), Item(drive, top.ref)] {
            let made = try await queue.perform(.createPublink(item, PublinkLimits(maxdownloads: 3)))
            guard case .publink(let link)? = made[0].result else { Issue.record("no link"); continue }
            #expect(!link.link.isEmpty && !link.code.isEmpty)
            try await queue.perform(.changePublink(drive: drive, linkid: link.linkid, PublinkLimits(maxdownloads: 9),
                                                   clearExpire: false, deleteShortlink: false))
            #expect(try await drive.publinks().first { $0.linkid == link.linkid }?.maxdownloads == 9)
            try await queue.perform(.deletePublink(drive: drive, linkid: link.linkid))
            #expect(try await drive.publinks().contains { $0.linkid == link.linkid } == false)
        }
    }

    @Test func sharesAndUploadLinks() async throws {
        let drive = try await Env.cloud()
        let top = try await drive.testFolder("share")
        let shared = try await ifAvailable {
            try await queue.perform(.share(Item(drive, top.ref), mail: "bob@example.com", permissions: .edit, message: "hi"))
        }
        if shared != nil {
            let offer = try #require(try await drive.shares().first { $0.folderid == top.folderid && !$0.incoming })
            if let shareid = offer.shareid {
                try await queue.perform(.changeShare(drive: drive, shareid: shareid, permissions: .readOnly))
            }
            try await queue.perform(.unshare(drive: drive, shareid: offer.shareid, sharerequestid: offer.shareid == nil ? offer.sharerequestid : nil))
            #expect(try await drive.shares().contains { $0.folderid == top.folderid && !$0.incoming } == false)
        }
        if let made = try await ifAvailable({
            try await queue.perform(.createUploadLink(Item(drive, top.ref), comment: "drop here", expire: nil, maxspace: nil, maxfiles: 5))
        }) {
            guard case .uploadLink(let link)? = made[0].result else { Issue.record("no upload link"); return }
            #expect(!link.code.isEmpty)
            #expect(try await drive.uploadLinks().contains { $0.uploadlinkid == link.uploadlinkid })
        }
        // Sharing is for cloud folders only.
        let (local, work) = Env.local()
        #expect(throws: CommanderError.self) {
            try Planner(config: .init()).plan(.share(Item(local, path: work.path), mail: "x@example.com", permissions: .readOnly, message: nil))
        }
    }
}
