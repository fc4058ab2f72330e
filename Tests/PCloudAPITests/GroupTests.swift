import Foundation
@testable import PCloudAPI
import Testing

/// Method groups. Sharing, upload links, thumbnails and collections land in the sandbox later:
/// their tests start checking once it stops answering "unknown method".
@Suite struct GroupTests {
    func fileIn(_ c: PCloudClient, _ folder: Int, _ name: String = "x.txt", _ text: String = "content") async throws -> Metadata {
        let local = Env.scratch().appendingPathComponent(name)
        try Data(text.utf8).write(to: local)
        return try await c.uploadFile(local, to: folder).metadata
    }

    @Test func diffFollowsChanges() async throws {
        let c = try await Env.client(1)
        let start = try await c.diff(last: 0).diffid
        let top = try await c.testFolder("diff")
        let r = try await c.diff(diffid: start)
        #expect(r.diffid > start)
        #expect(r.entries.contains { $0.event == "createfolder" && $0.metadata?.itemID == top })
        // Long poll with nothing new returns empty at the server's bound.
        let idle = try await c.diff(diffid: r.diffid, block: true)
        #expect(idle.diffid >= r.diffid)

        // Other tests change the same account meanwhile: look for our event among theirs.
        var iterator = c.changes(from: r.diffid).makeAsyncIterator()
        let sub = try await c.createFolder(in: top, name: "sub")
        var found = false
        for _ in 0..<500 {
            guard let event = try await iterator.next() else { break }
            if event.event == "createfolder", event.metadata?.itemID == sub.itemID { found = true; break }
        }
        #expect(found)
        _ = try await c.deleteFolderRecursive(top)
    }

    @Test func publicLinks() async throws {
        let c = try await Env.client()
        let top = try await c.testFolder("publink")
        let file = try await fileIn(c, top, "x.txt", "public content")
        let link = try await c.getFilePublink(file.fileid!, options: PublinkOptions(maxdownloads: 10))
        #expect(!link.code.isEmpty && link.linkid > 0)
        let folderLink = try await c.getFolderPublink(top)
        #expect(folderLink.code != link.code)
        await expectCode(2009) { try await c.getFilePublink(999_999_999) }

        // Shown without an account.
        let anonymous = try await Env.client(oauth: false)
        let shown = try await anonymous.showPublink(code: link.code)
        #expect(shown.name == file.name && shown.size == 14)
        let folderShown = try await anonymous.showPublink(code: folderLink.code)
        #expect(folderShown.isfolder && folderShown.contents?.contains { $0.name == "x.txt" } == true)
        await expectCode(7001) { try await anonymous.showPublink(code: "nosuchcode") }

        let links = try await c.listPublinks()
        let listed = try #require(links.first { $0.linkid == link.linkid })
        #expect(listed.maxdownloads == 10)
        try await c.changePublink(link.linkid, .init(maxdownloads: 3))
        #expect(try await c.listPublinks().first { $0.linkid == link.linkid }?.maxdownloads == 3)

        // A download through the folder link, fetched and compared.
        let dl = try await anonymous.getPublinkDownload(code: folderLink.code, fileid: file.fileid)
        #expect(!dl.hosts.isEmpty)
        let (bytes, status) = try await anonymous.fetchURL(try #require(dl.urls(scheme: c.endpoint.scheme).first))
        #expect(status == 200 && String(decoding: bytes, as: UTF8.self) == "public content")
        let copied = try await c.copyPubfile(code: link.code, to: .folder(top, name: "copied.txt"))
        #expect(copied.size == 14 && copied.fileid != file.fileid)

        let tree = try await c.getTreePublink(Tree(fileids: [file.fileid!]), name: "tree")
        let treeShown = try await anonymous.showPublink(code: tree.code)
        #expect(treeShown.contents?.map(\.name) == ["x.txt"])

        try await c.deletePublink(link.linkid)
        await expectCode(2027) { try await c.deletePublink(link.linkid) }
        await expectCode(7002) { try await anonymous.showPublink(code: link.code) }
        _ = try await c.deleteFolderRecursive(top)
    }

    @Test func trashWithSessionToken() async throws {
        let user = try await Env.user(1)
        let c = try await Env.client(1)
        try await c.signIn(email: user.email, password: user.password)
        let top = try await c.testFolder("trash")
        let file = try await fileIn(c, top)
        _ = try await c.deleteFile(file.fileid!)
        let trash = try await c.trashList()
        #expect(trash.contents?.contains { $0.fileid == file.fileid } == true)
        let where_ = try await c.trashRestorePath(.file(file.fileid!))
        #expect(where_.destination.itemID == top)
        _ = try await c.trashRestore(.file(file.fileid!))
        #expect(try await c.stat(fileid: file.fileid!).isdeleted != true)
        #expect(try await c.listFolder(top).contents?.contains { $0.fileid == file.fileid } == true)
        _ = try await c.deleteFile(file.fileid!)
        try await c.trashClear(.file(file.fileid!))
        #expect(try await c.trashList().contents?.contains { $0.fileid == file.fileid } != true)
        await expectCode(2009) { try await c.trashRestore(.file(file.fileid!)) }
        _ = try await c.deleteFolderRecursive(top)
        // The OAuth token alone is refused by the server too (REAL-SERVICE §1).
        await expectCode(1000) { try await c.call("trash_list", auth: .account, idempotent: true, as: Empty.self) }
    }

    @Test func revisions() async throws {
        let c = try await Env.client()
        let top = try await c.testFolder("rev")
        let v1 = try await fileIn(c, top, "r.txt", "one")
        _ = try await fileIn(c, top, "r.txt", "two!")
        let (revs, meta) = try await c.listRevisions(v1.fileid!)
        #expect(meta.fileid == v1.fileid && meta.size == 4)
        let first = try #require(revs.first { $0.size == 3 })
        #expect(first.created > 0)
        let link = try await c.getRevisionLink(v1.fileid!, revisionid: first.revisionid)
        let (old, _) = try await c.fetchURL(try #require(link.urls(scheme: c.endpoint.scheme).first))
        #expect(String(decoding: old, as: UTF8.self) == "one")
        // A download of an old revision is verified against that revision's checksum.
        let target = Env.scratch().appendingPathComponent("rev1.txt")
        try await c.download(fileid: v1.fileid!, to: target, revisionid: first.revisionid)
        #expect(try String(contentsOf: target, encoding: .utf8) == "one")
        let reverted = try await c.revertRevision(v1.fileid!, revisionid: first.revisionid)
        #expect(reverted.size == 3 && reverted.fileid == v1.fileid)
        #expect(try await c.listRevisions(v1.fileid!).revisions.contains { $0.size == 4 })
        await expectCode(2029) { try await c.revertRevision(v1.fileid!, revisionid: 999_999) }
        _ = try await c.deleteFolderRecursive(top)
    }

    @Test func sharing() async throws {
        let alice = try await Env.client(0)
        let bob = try await Env.client(1)
        let top = try await alice.testFolder("share")
        guard try await ifAvailable({ try await alice.shareFolder(top, mail: "bob@example.com", permissions: .edit) }) != nil
        else { _ = try await alice.deleteFolderRecursive(top); return }
        let incoming = try await bob.listShares().requests.incoming
        let request = try #require(incoming.first { $0.folderid == top || $0.frommail == "alice@example.com" })
        try await bob.acceptShare(try #require(request.sharerequestid))
        let out = try await alice.listShares().shares.outgoing
        let share = try #require(out.first { $0.folderid == top })
        try await alice.changeShare(try #require(share.shareid), permissions: .readOnly)
        try await alice.removeShare(share.shareid!)
        await expectCode(2025) { try await alice.removeShare(share.shareid!) }
        await expectCode(2020) { try await alice.shareFolder(top, mail: "alice@example.com", permissions: .readOnly) }
        _ = try await alice.deleteFolderRecursive(top)
    }

    @Test func uploadLinks() async throws {
        let c = try await Env.client()
        let top = try await c.testFolder("uplink")
        if let link = try await ifAvailable({ try await c.createUploadLink(top, comment: "drop here") }) {
            #expect(try await c.listUploadLinks().contains { $0.uploadlinkid == link.uploadlinkid })
            try await c.changeUploadLink(link.uploadlinkid, maxfiles: 5)
            try await c.deleteUploadLink(link.uploadlinkid)
            await expectCode(2040) { try await c.deleteUploadLink(link.uploadlinkid) }
        }
        _ = try await c.deleteFolderRecursive(top)
    }

    @Test func thumbnailsAndStreaming() async throws {
        let c = try await Env.client()
        let top = try await c.testFolder("thumb")
        let text = try await fileIn(c, top, "t.txt", "plain text \u{e9}\n")
        let utf8 = try await c.getTextFile(text.fileid!)
        #expect(String(decoding: utf8, as: UTF8.self) == "plain text \u{e9}\n")
        let latin1 = try await c.getTextFile(text.fileid!, toencoding: "iso-8859-1")
        #expect(latin1 == Data("plain text ".utf8) + Data([0xE9, 0x0A]))
        await expectCode(2061) { try await c.getTextFile(text.fileid!, toencoding: "klingon") }
        await expectCode(2009) { try await c.getTextFile(999_999_999) }
        do {
            _ = try await c.getThumbLink(text.fileid!, size: ThumbSize(64, 64))
            Issue.record("thumbnail of a text file")
        } catch let e as PCloudError {
            #expect(e.isUnknownMethod || e.code == 1014 || e.code == 3001)
        }
        await expectCode(2044) { try await c.getVideoLink(text.fileid!) }
        await expectCode(2044) { try await c.getHLSLink(text.fileid!) }

        // Media links on media files; the sandbox serves the original bytes.
        let video = try await fileIn(c, top, "clip.mp4", "not really video")
        let audio = try await fileIn(c, top, "song.mp3", "not really audio")
        for link in [try await c.getVideoLink(video.fileid!), try await c.getHLSLink(video.fileid!),
                     try await c.getAudioLink(audio.fileid!), try await c.getAudioLink(video.fileid!)] {
            let url = try #require(link.urls(scheme: c.endpoint.scheme).first)
            let (bytes, status) = try await c.fetchURL(url)
            #expect(status == 200 && bytes.starts(with: Data("not really".utf8)))
        }
        let variants = try await c.getVideoLinks(video.fileid!)
        #expect(variants.contains { $0.isoriginal == true && !$0.hosts.isEmpty })
        await expectCode(2044) { try await c.getAudioLink(text.fileid!) }
        _ = try await c.deleteFolderRecursive(top)
    }

    @Test func collections() async throws {
        let c = try await Env.client()
        let top = try await c.testFolder("coll")
        let file = try await fileIn(c, top, "song.mp3", "not really audio")
        if let created = try await ifAvailable({ try await c.collectionCreate(name: "mix-\(UUID().uuidString.prefix(6))") }) {
            _ = try await c.collectionLinkFiles(created.id, fileids: [file.fileid!])
            let details = try await c.collectionDetails(created.id)
            #expect(details.contents?.first?.fileid == file.fileid)
            _ = try await c.collectionRename(created.id, name: created.name + "-2")
            try await c.collectionUnlinkFiles(created.id, .all)
            try await c.collectionDelete(created.id)
            await expectCode(2065) { try await c.collectionDetails(created.id) }
        }
        _ = try await c.deleteFolderRecursive(top)
    }

    @Test func archivingOnTheServer() async throws {
        let c = try await Env.client()
        let top = try await c.testFolder("archive")
        let file = try await fileIn(c, top, "a.txt", "archive me")
        let hash = "pcmd-\(UUID().uuidString)"
        let zip = try await c.saveZip(Tree(fileids: [file.fileid!]), to: .folder(top, name: "a.zip"), progresshash: hash)
        #expect(zip.name == "a.zip" && (zip.size ?? 0) > 10)
        let progress = try await c.progressHost().saveZipProgress(hash)
        #expect(progress.isDone && progress.totalfiles == 1)

        let out = try await c.createFolder(in: top, name: "out")
        var state = try await c.extractArchive(zip.fileid!, into: out.itemID, overwrite: .rename)
        let poller = try state.hostname.map { try c.on(host: $0) } ?? c
        while !state.finished, let h = state.progresshash {
            try await Task.sleep(for: .milliseconds(100))
            state = try await poller.extractArchiveProgress(h, lines: state.lines ?? 0)
        }
        #expect(state.finished)
        let extracted = try #require(try await c.listFolder(out.itemID).contents?.first { $0.name == "a.txt" })
        #expect(String(decoding: try await c.getTextFile(extracted.fileid!), as: UTF8.self) == "archive me")
        await expectCode(2009) { try await c.extractArchive(999_999_999, into: top) }

        let link = try await c.getZipLink(Tree(folderid: top))
        let (bytes, status) = try await c.fetchURL(try #require(link.urls(scheme: c.endpoint.scheme).first))
        #expect(status == 200 && bytes.prefix(2) == Data("PK".utf8))
        _ = try await c.deleteFolderRecursive(top)
    }
}
