import Foundation
import Testing

@Suite struct FolderTests {
    @Test func createByIdAndByPath() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("create")
        let a = try await api.ok("createfolder", ["folderid": String(top), "name": "a b+c 中文 😀"])
        #expect(a.metadata["name"] as? String == "a b+c 中文 😀")
        #expect(a.metadata["isfolder"] as? Bool == true)
        #expect(a.metadata["parentfolderid"] as? Int == top)
        let id = try #require(a.metadata["folderid"] as? Int)
        #expect(a.metadata["id"] as? String == "d\(id)")
        let path = try #require(try await api.ok("listfolder", ["folderid": String(top)]).metadata["name"] as? String)
        let b = try await api.ok("createfolder", ["path": "/\(path)/by path"])
        #expect(b.metadata["name"] as? String == "by path")
        try await api.fails(2004, "createfolder", ["folderid": String(top), "name": "by path"])
        try await api.fails(1001, "createfolder", ["folderid": String(top)])
        try await api.fails(2005, "createfolder", ["folderid": "987654", "name": "x"])
        try await api.fails(2002, "createfolder", ["path": "/no such/deeper/x"])
        try await api.fails(2001, "createfolder", ["folderid": String(top), "name": "back\\slash"])
        try await api.fails(2001, "createfolder", ["folderid": String(top), "name": ""])
        let first = try await api.ok("createfolderifnotexists", ["folderid": String(top), "name": "maybe"])
        #expect(first["created"] as? Bool == true)
        let again = try await api.ok("createfolderifnotexists", ["folderid": String(top), "name": "maybe"])
        #expect(again["created"] as? Bool == false)
        #expect(again.metadata["folderid"] as? Int == first.metadata["folderid"] as? Int)
    }

    @Test func listfolderShapesAndFlags() async throws {
        let api = try await Harness.api()
        let root = try await api.ok("listfolder", ["folderid": "0"])
        #expect(root.metadata["id"] as? String == "d0")
        #expect(root.metadata["name"] as? String == "/")
        #expect(root.metadata["parentfolderid"] == nil)
        #expect(root.metadata["folderid"] as? Int == 0)

        let top = try await api.folder("list")
        let sub = try await api.ok("createfolder", ["folderid": String(top), "name": "sub"]).metadata["folderid"] as! Int
        try await api.ok("createfolder", ["folderid": String(sub), "name": "deeper"])
        try await api.upload(Array("hello".utf8), name: "a.txt", folder: top)
        try await api.upload(Array("inner".utf8), name: "b.txt", folder: sub)

        let flat = try await api.ok("listfolder", ["folderid": String(top)])
        #expect(flat.contents.count == 2)
        let subEntry = try #require(flat.contents.first { $0["name"] as? String == "sub" })
        #expect(subEntry["contents"] == nil)
        let file = try #require(flat.contents.first { $0["name"] as? String == "a.txt" })
        #expect(file["size"] as? Int == 5 && file["isfolder"] as? Bool == false)
        #expect(file["contenttype"] as? String == "text/plain" && file["category"] as? Int == 4)
        #expect((file["id"] as? String)?.hasPrefix("f") == true)
        // hash is a bare unsigned integer literal.
        #expect(flat.text.range(of: #""hash":\d+[,}]"#, options: .regularExpression) != nil)

        let deep = try await api.ok("listfolder", ["folderid": String(top), "recursive": "1"])
        let deepSub = try #require(deep.contents.first { $0["name"] as? String == "sub" })
        let inner = try #require(deepSub["contents"] as? [[String: Any]])
        #expect(Set(inner.compactMap { $0["name"] as? String }) == ["deeper", "b.txt"])
        let deeper = try #require(inner.first { $0["name"] as? String == "deeper" })
        #expect((deeper["contents"] as? [Any])?.isEmpty == true)

        let onlyFolders = try await api.ok("listfolder", ["folderid": String(top), "nofiles": "true", "recursive": "true"])
        #expect(onlyFolders.contents.map { $0["name"] as? String } == ["sub"])

        try await api.ok("deletefile", ["fileid": String(file["fileid"] as! Int)])
        let withDeleted = try await api.ok("listfolder", ["folderid": String(top), "showdeleted": "1"])
        #expect(withDeleted.contents.contains { $0["name"] as? String == "a.txt" && $0["isdeleted"] as? Bool == true })
        #expect(try await api.ok("listfolder", ["folderid": String(top)]).contents.count == 1)

        let name = try #require(flat.metadata["name"] as? String)
        let byPath = try await api.ok("listfolder", ["path": "/\(name)/sub"])
        #expect(byPath.metadata["folderid"] as? Int == sub)
        try await api.fails(1002, "listfolder")
        try await api.fails(2005, "listfolder", ["folderid": "424242"])
        try await api.fails(2005, "listfolder", ["path": "/\(name)/missing"])
        // pCloud lists only 2005 for listfolder: a missing path at any depth answers it.
        try await api.fails(2005, "listfolder", ["path": "/no/such/dir"])
        try await api.fails(2005, "deletefolder", ["path": "/no/such/dir"])
        // createfolder lists 2002 for a missing parent, and keeps it.
        try await api.fails(2002, "createfolder", ["path": "/no/such/dir"])
    }

    @Test func renamefolderMovesAndRenames() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("rename")
        let a = try await api.ok("createfolder", ["folderid": String(top), "name": "a"]).metadata["folderid"] as! Int
        let b = try await api.ok("createfolder", ["folderid": String(top), "name": "b"]).metadata["folderid"] as! Int
        let renamed = try await api.ok("renamefolder", ["folderid": String(a), "toname": "a2"])
        #expect(renamed.metadata["name"] as? String == "a2" && renamed.metadata["folderid"] as? Int == a)
        let moved = try await api.ok("renamefolder", ["folderid": String(a), "tofolderid": String(b)])
        #expect(moved.metadata["parentfolderid"] as? Int == b && moved.metadata["name"] as? String == "a2")
        let topName = try #require(try await api.ok("listfolder", ["folderid": String(top)]).metadata["name"] as? String)
        let byPath = try await api.ok("renamefolder", ["folderid": String(a), "topath": "/\(topName)/"])
        #expect(byPath.metadata["parentfolderid"] as? Int == top && byPath.metadata["name"] as? String == "a2")
        let full = try await api.ok("renamefolder", ["folderid": String(a), "topath": "/\(topName)/b/final"])
        #expect(full.metadata["parentfolderid"] as? Int == b && full.metadata["name"] as? String == "final")
        try await api.fails(2043, "renamefolder", ["folderid": String(b), "tofolderid": String(a)])
        try await api.fails(2042, "renamefolder", ["folderid": "0", "toname": "x"])
        try await api.fails(1037, "renamefolder", ["folderid": String(a)])
        try await api.ok("createfolder", ["folderid": String(top), "name": "taken"])
        try await api.fails(2004, "renamefolder", ["folderid": String(b), "toname": "taken"])
        try await api.fails(2005, "renamefolder", ["folderid": String(b), "tofolderid": "777777"])
    }

    @Test func deleteAndDeleteRecursive() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("delete")
        let empty = try await api.ok("createfolder", ["folderid": String(top), "name": "empty"]).metadata["folderid"] as! Int
        let full = try await api.ok("createfolder", ["folderid": String(top), "name": "full"]).metadata["folderid"] as! Int
        let inner = try await api.ok("createfolder", ["folderid": String(full), "name": "inner"]).metadata["folderid"] as! Int
        try await api.upload([1, 2, 3], name: "x.bin", folder: full)
        try await api.upload([4, 5], name: "y.bin", folder: inner)
        try await api.fails(2006, "deletefolder", ["folderid": String(full)])
        let d = try await api.ok("deletefolder", ["folderid": String(empty)])
        #expect(d.metadata["isdeleted"] as? Bool == true)
        try await api.fails(2005, "deletefolder", ["folderid": String(empty)])
        try await api.fails(2007, "deletefolder", ["folderid": "0"])
        try await api.fails(2007, "deletefolderrecursive", ["folderid": "0"])
        try await api.fails(1002, "deletefolder")
        let r = try await api.ok("deletefolderrecursive", ["folderid": String(full)])
        #expect(r["deletedfiles"] as? Int == 2 && r["deletedfolders"] as? Int == 2)
        #expect(r["metadata"] == nil)
        try await api.fails(2005, "listfolder", ["folderid": String(inner)])
        #expect(try await api.ok("listfolder", ["folderid": String(top)]).contents.isEmpty)
    }

    @Test func copyfolderCopiesMergesAndRefuses() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("copyfolder")
        let src = try await api.ok("createfolder", ["folderid": String(top), "name": "src"]).metadata["folderid"] as! Int
        let sub = try await api.ok("createfolder", ["folderid": String(src), "name": "sub"]).metadata["folderid"] as! Int
        try await api.upload(Array("one".utf8), name: "1.txt", folder: src)
        try await api.upload(Array("two".utf8), name: "2.txt", folder: sub)
        let dest = try await api.ok("createfolder", ["folderid": String(top), "name": "dest"]).metadata["folderid"] as! Int
        let copy = try await api.ok("copyfolder", ["folderid": String(src), "tofolderid": String(dest)])
        #expect(copy.metadata["name"] as? String == "src")
        let copied = try await api.ok("listfolder", ["folderid": String(copy.metadata["folderid"] as! Int), "recursive": "1"])
        #expect(Set(copied.contents.compactMap { $0["name"] as? String }) == ["sub", "1.txt"])
        // Copying again merges; noover refuses when a file exists.
        try await api.ok("copyfolder", ["folderid": String(src), "tofolderid": String(dest)])
        try await api.fails(2004, "copyfolder", ["folderid": String(src), "tofolderid": String(dest), "noover": "1"])
        try await api.fails(2206, "copyfolder", ["folderid": String(src), "tofolderid": String(src), "copycontentonly": "1"])
        try await api.fails(2207, "copyfolder", ["folderid": String(src), "tofolderid": String(sub)])
        try await api.fails(1016, "copyfolder", ["folderid": String(src)])
        try await api.fails(2005, "copyfolder", ["folderid": "555555", "tofolderid": String(dest)])
    }

    @Test func otherUsersItemsAreInvisible() async throws {
        let alice = try await Harness.api(0)
        let bob = try await Harness.api(1)
        let folder = try await alice.folder("private")
        let file = try #require(try await alice.upload(Array("secret".utf8), name: "s.txt", folder: folder)["fileid"] as? Int)
        try await bob.fails(2005, "listfolder", ["folderid": String(folder)])
        try await bob.fails(2005, "createfolder", ["folderid": String(folder), "name": "x"])
        try await bob.fails(2005, "deletefolderrecursive", ["folderid": String(folder)])
        try await bob.fails(2009, "stat", ["fileid": String(file)])
        try await bob.fails(2009, "getfilelink", ["fileid": String(file)])
        try await bob.fails(2009, "deletefile", ["fileid": String(file)])
        try await bob.fails(2009, "copyfile", ["fileid": String(file), "tofolderid": "0"])
        let bobRoot = try await bob.ok("listfolder", ["folderid": "0"])
        #expect(!bobRoot.text.contains("private-"))
        try await alice.ok("stat", ["fileid": String(file)])
    }
}
