import Foundation
@testable import PCloudAPI
import Testing

@Suite struct FolderFileTests {
    @Test func folderLifecycle() async throws {
        let c = try await Env.client()
        let top = try await c.testFolder("folders")
        let a = try await c.createFolder(in: top, name: "a")
        #expect(a.isfolder && a.parentfolderid == top && a.id == "d\(a.itemID)")
        let again = try await c.createFolderIfNotExists(in: top, name: "a")
        #expect(again.metadata.itemID == a.itemID && !again.created)
        await expectCode(2004) { try await c.createFolder(in: top, name: "a") }

        let b = try await c.createFolder(path: "/\(try await c.listFolder(top).name)/b")
        let renamed = try await c.renameFolder(b.itemID, to: .rename("b2"))
        #expect(renamed.name == "b2" && renamed.itemID == b.itemID)
        let moved = try await c.renameFolder(renamed.itemID, to: .folder(a.itemID))
        #expect(moved.parentfolderid == a.itemID)

        let elsewhere = try await c.createFolder(in: top, name: "elsewhere")
        let copy = try await c.copyFolder(a.itemID, to: .folder(elsewhere.itemID))
        #expect(copy.itemID != a.itemID)
        await expectCode(2206) { try await c.copyFolder(a.itemID, to: .folder(top)) }
        let listing = try await c.listFolder(top, options: ListOptions(recursive: true))
        #expect(listing.contents?.contains { $0.name == "a" && $0.contents?.contains { $0.name == "b2" } == true } == true)
        let foldersOnly = try await c.listFolder(top, options: ListOptions(nofiles: true))
        #expect(foldersOnly.contents?.allSatisfy(\.isfolder) == true)

        await expectCode(2006) { try await c.deleteFolder(a.itemID) }
        let gone = try await c.deleteFolder(moved.itemID)
        #expect(gone.isdeleted)
        let counts = try await c.deleteFolderRecursive(top)
        #expect(counts.deletedfolders >= 2)
        await expectCode(2005) { try await c.listFolder(top) }
    }

    @Test func searchFindsNamesAnywhereWithoutCase() async throws {
        let c = try await Env.client()
        let top = try await c.testFolder("search")
        let tag = "q\(UInt32.random(in: 100_000...999_999))"
        let sub = try await c.createFolder(in: top, name: "Inner \(tag.uppercased()) folder")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("s-\(UUID().uuidString)")
        try Data("x".utf8).write(to: file)
        _ = try await c.uploadFile(file, to: sub.itemID, name: "report-\(tag).txt")
        let items = try await c.search(tag)
        #expect(items.map(\.name) == ["Inner \(tag.uppercased()) folder", "report-\(tag).txt"])
        #expect(items.last?.path?.hasSuffix("/Inner \(tag.uppercased()) folder/report-\(tag).txt") == true)
        #expect(try await c.search(tag, offset: 1, limit: 5).map(\.name) == ["report-\(tag).txt"])
        #expect(try await c.search(tag, limit: 1).count == 1)
    }

    @Test func fileOperations() async throws {
        let c = try await Env.client()
        let top = try await c.testFolder("files")
        let dir = Env.scratch()
        let local = dir.appendingPathComponent("hello.txt")
        try Data("hello pcloud\n".utf8).write(to: local)
        let up = try await c.uploadFile(local, to: top)
        let fileid = try #require(up.metadata.fileid)
        #expect(up.metadata.size == 13)
        #expect(up.metadata.hash != nil)

        let st = try await c.stat(fileid: fileid)
        #expect(st.name == "hello.txt" && st.contenttype?.hasPrefix("text/") == true)
        let (sums, _) = try await c.checksumFile(fileid)
        #expect(sums.sha1 == up.checksums?.sha1)
        #expect(sums.md5 != nil)

        let copy = try await c.copyFile(fileid, to: .folder(top, name: "copy.txt"))
        #expect(copy.fileid != fileid && copy.hash == up.metadata.hash)
        await expectCode(2004) { try await c.copyFile(fileid, to: .folder(top, name: "copy.txt"), noover: true) }
        let touched = try await c.copyFile(fileid, to: .folder(top, name: "hello.txt"), mtime: 1_600_000_000)
        #expect(touched.modified == 1_600_000_000 && touched.fileid == fileid)

        let renamed = try await c.renameFile(fileid, to: .rename("renamed.txt"))
        #expect(renamed.name == "renamed.txt" && renamed.fileid == fileid)
        let replaced = try await c.renameFile(fileid, to: .rename("copy.txt"))
        #expect(replaced.deletedfileid == copy.fileid)

        let deleted = try await c.deleteFile(fileid)
        #expect(deleted.isdeleted)
        await expectCode(2009) { try await c.stat(fileid: fileid) }
        await expectCode(2009) { try await c.getFileLink(fileid) }
        await expectCode(2005) { try await c.uploadFile(local, to: 987_654_321) }
        _ = try await c.deleteFolderRecursive(top)
    }

    @Test func recursiveTreeNeverListsTheRootRecursively() async throws {
        let c = try await Env.client()
        // The live service (and so the sandbox) refuses the root recursively (REAL-SERVICE.md §6).
        do {
            _ = try await c.listFolder(0, options: ListOptions(recursive: true))
            Issue.record("the sandbox listed the root recursively")
        } catch let e as PCloudError {
            #expect(e.code == 5000, "\(e)")
        }
        let tree = try await c.listTree()
        #expect(tree.root.itemID == 0)
        func count(_ m: Metadata) -> Int { 1 + (m.contents ?? []).reduce(0) { $0 + count($1) } }
        #expect(count(tree.root) > 10)
        // Every folder below the root came back with its contents.
        func allListed(_ m: Metadata) -> Bool {
            !m.isfolder || m.isCryptoLocked || (m.contents != nil && m.contents!.allSatisfy(allListed))
        }
        #expect(tree.root.contents!.allSatisfy(allListed))
    }

    @Test func listingDecodesLikeJSONDecoder() async throws {
        let c = try await Env.client()
        var p: Params = ["folderid": "0"]
        p.flag("showdeleted", true)
        let data = try await c.callData("listfolder", p, auth: .account, idempotent: true)
        struct R: Decodable { var metadata: Metadata }
        let slow = try JSONDecoder().decode(R.self, from: data).metadata
        let fast = try c.decodeMetadataReply(data, method: "listfolder")
        #expect(fast == slow)
    }
}
