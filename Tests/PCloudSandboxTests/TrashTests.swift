import Foundation
import Testing

@Suite struct TrashTests {
    /// A session token for alice: the trash refuses OAuth tokens (REAL-SERVICE.md §1).
    static func session(_ api: API, user: Int = 0) async throws -> API.Credentials {
        let u = api.info.users[user]
        let r = try await api.ok("userinfo", ["username": u.email, "password": u.password, "getauth": "1"], auth: .none)
        return .raw("auth", try #require(r["auth"] as? String))
    }

    @Test func listRestoreAndRestorepath() async throws {
        let api = try await Harness.api()
        let auth = try await Self.session(api)
        let top = try await api.folder("trash")
        let docs = try await api.ok("createfolder", ["folderid": String(top), "name": "docs"]).metadata["folderid"] as! Int
        let keep = try await api.upload(Array("keep".utf8), name: "keep.txt", folder: docs)["fileid"] as! Int
        let lone = try await api.upload(Array("lone".utf8), name: "lone.txt", folder: top)["fileid"] as! Int
        try await api.ok("deletefile", ["fileid": String(lone)])
        try await api.ok("deletefolderrecursive", ["folderid": String(docs)])

        try await api.fails(1000, "trash_list")
        let trash = try await api.ok("trash_list", auth: auth)
        #expect(trash.metadata["isdeleted"] as? Bool == true && trash.metadata["name"] as? String == "/")
        let folderEntry = try #require(trash.contents.first { $0["folderid"] as? Int == docs })
        #expect(folderEntry["origparentfolderid"] as? Int == top && folderEntry["parentfolderid"] as? Int == 0)
        #expect(folderEntry["isdeleted"] as? Bool == true)
        #expect(trash.contents.contains { $0["fileid"] as? Int == lone })
        #expect(!trash.contents.contains { $0["fileid"] as? Int == keep })   // inside docs, not top level
        let inside = try await api.ok("trash_list", ["folderid": String(docs)], auth: auth)
        #expect(inside.contents.map { $0["fileid"] as? Int } == [keep])
        #expect(inside.contents.first?["parentfolderid"] as? Int == docs)

        // A new file takes the old name: the restore gets " (1)".
        try await api.upload(Array("new".utf8), name: "lone.txt", folder: top)
        let where_ = try await api.ok("trash_restorepath", ["fileid": String(lone)], auth: auth)
        #expect(where_.metadata["name"] as? String == "lone (1).txt")
        #expect((where_["destination"] as? [String: Any])?["folderid"] as? Int == top)
        let restored = try await api.ok("trash_restore", ["fileid": String(lone)], auth: auth)
        #expect(restored.metadata["name"] as? String == "lone (1).txt" && restored.metadata["fileid"] as? Int == lone)
        #expect(restored.metadata["isdeleted"] == nil)

        let back = try await api.ok("trash_restore", ["folderid": String(docs), "metadata": "1"], auth: auth)
        #expect(back.metadata["folderid"] as? Int == docs && back.contents.map { $0["fileid"] as? Int } == [keep])
        try await api.ok("stat", ["fileid": String(keep)])
        try await api.fails(2009, "trash_restore", ["fileid": String(keep)], auth: auth)
        try await api.fails(1053, "trash_restore", auth: auth)
        try await api.fails(1054, "trash_restore", ["fileid": String(lone), "restoreto": "999999"], auth: auth)
    }

    @Test func restoreRecreatesMissingParents() async throws {
        let api = try await Harness.api()
        let auth = try await Self.session(api)
        let top = try await api.folder("recreate")
        let a = try await api.ok("createfolder", ["folderid": String(top), "name": "a"]).metadata["folderid"] as! Int
        let b = try await api.ok("createfolder", ["folderid": String(a), "name": "b"]).metadata["folderid"] as! Int
        let f = try await api.upload([7], name: "deep.bin", folder: b)["fileid"] as! Int
        try await api.ok("deletefile", ["fileid": String(f)])
        try await api.ok("deletefolderrecursive", ["folderid": String(a)])
        // The file's folders are gone: restorepath names the nearest survivor, restore rebuilds a/b.
        let where_ = try await api.ok("trash_restorepath", ["fileid": String(f)], auth: auth)
        #expect((where_["destination"] as? [String: Any])?["folderid"] as? Int == top)
        let restored = try await api.ok("trash_restore", ["fileid": String(f)], auth: auth)
        let parent = try #require(restored.metadata["parentfolderid"] as? Int)
        let topName = try #require(try await api.ok("listfolder", ["folderid": String(top)]).metadata["name"] as? String)
        let rebuilt = try await api.ok("listfolder", ["path": "/\(topName)/a/b"])
        #expect(rebuilt.metadata["folderid"] as? Int == parent)
        // restoreto puts an item where the caller says.
        let g = try await api.upload([8], name: "g.bin", folder: top)["fileid"] as! Int
        try await api.ok("deletefile", ["fileid": String(g)])
        let moved = try await api.ok("trash_restore", ["fileid": String(g), "restoreto": String(parent)], auth: auth)
        #expect(moved.metadata["parentfolderid"] as? Int == parent)
    }

    @Test func refusedRecursiveListings() async throws {
        let api = try await Harness.api()
        try await api.fails(5000, "listfolder", ["folderid": "0", "recursive": "1"])
        try await api.ok("listfolder", ["folderid": "0"])
    }
}

@Suite struct RevisionAndChunkedUploadTests {
    @Test func revisionsListRevertAndServeOldContent() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("revisions")
        let id = try await api.upload(Array("one".utf8), name: "r.txt", folder: top)["fileid"] as! Int
        try await api.upload(Array("two!".utf8), name: "r.txt", folder: top)
        try await api.upload(Array("three".utf8), name: "r.txt", folder: top)
        let list = try await api.ok("listrevisions", ["fileid": String(id)])
        let revisions = try #require(list["revisions"] as? [[String: Any]])
        #expect(revisions.map { $0["size"] as? Int } == [4, 3])
        #expect(list.text.range(of: #""hash":\d+,"#, options: .regularExpression) != nil)
        let first = try #require(revisions.last?["revisionid"] as? Int)
        // revisionid works on getfilelink and checksumfile.
        let link = try await api.ok("getfilelink", ["fileid": String(id), "revisionid": String(first)])
        let (_, body) = try await api.download(api.base + (link["path"] as! String))
        #expect(String(decoding: body, as: UTF8.self) == "one")
        let sum = try await api.ok("checksumfile", ["fileid": String(id), "revisionid": String(first)])
        #expect(sum["sha1"] as? String == "fe05bcdcdc4928012781a5f1a2a77cbb5398e106")
        let reverted = try await api.ok("revertrevision", ["fileid": String(id), "revisionid": String(first)])
        #expect(reverted.metadata["size"] as? Int == 3 && reverted.metadata["fileid"] as? Int == id)
        #expect(((try await api.ok("listrevisions", ["fileid": String(id)]))["revisions"] as? [Any])?.count == 3)
        try await api.fails(2029, "revertrevision", ["fileid": String(id), "revisionid": "987654321"])
        try await api.fails(2009, "listrevisions", ["fileid": "3"])
    }

    @Test func chunkedUploadAppendsOnlyAndSaves() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("chunked")
        let id = try #require(try await api.ok("upload_create", ["filesize": "10"])["uploadid"] as? Int)
        func write(_ text: String, at offset: Int) async throws -> Reply {
            try await api.call("upload_write", ["uploadid": String(id), "uploadoffset": String(offset)], httpMethod: .PUT,
                               body: .bytes(.init(string: text)))
        }
        #expect(try await write("hello", at: 0).result == 0)
        #expect(try await write("XXXXX", at: 2).result == 2068)      // not at the end: refused
        #expect(try await write("XXXXX", at: 9).result == 2068)
        let info = try await api.ok("upload_info", ["uploadid": String(id)])
        #expect(info["size"] as? Int == 5 && info["sha1"] as? String == "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d")
        #expect(try await write(" world", at: 5).result == 0)
        // A refused save leaves the session whole.
        try await api.fails(2005, "upload_save", ["uploadid": String(id), "folderid": "987654", "name": "c.txt"])
        #expect(try await api.ok("upload_info", ["uploadid": String(id)])["size"] as? Int == 11)
        let saved = try await api.ok("upload_save", ["uploadid": String(id), "folderid": String(top), "name": "c.txt",
                                                     "mtime": "1600000000", "timeformat": "timestamp"])
        #expect(saved.metadata["size"] as? Int == 11 && saved.metadata["modified"] as? Int == 1_600_000_000)
        try await api.fails(2067, "upload_info", ["uploadid": String(id)])
        // ifhash: a stale hash saves a conflicted copy instead of overwriting.
        let second = try #require(try await api.ok("upload_create")["uploadid"] as? Int)
        _ = try await api.call("upload_write", ["uploadid": String(second), "uploadoffset": "0"], httpMethod: .PUT, body: .bytes(.init(string: "v2")))
        let conflicted = try await api.ok("upload_save", ["uploadid": String(second), "folderid": String(top), "name": "c.txt", "ifhash": "1"])
        #expect(conflicted.metadata["conflicted"] as? Bool == true)
        #expect(conflicted.metadata["name"] as? String == "c {CONFLICTED}.txt")
        let third = try #require(try await api.ok("upload_create")["uploadid"] as? Int)
        try await api.ok("upload_delete", ["uploadid": String(third)])
        try await api.fails(2067, "upload_write", ["uploadid": String(third), "uploadoffset": "0"])
        // Other users' sessions do not exist for bob.
        let bob = try await Harness.api(1)
        let mine = try #require(try await api.ok("upload_create")["uploadid"] as? Int)
        try await bob.fails(2067, "upload_info", ["uploadid": String(mine)])
    }

    @Test func twoFactorLogin() async throws {
        let api = try await Harness.api()
        let carol = try #require(api.info.users.first { $0.tfaCode != nil })
        let first = try await api.call("userinfo", ["username": carol.email, "password": carol.password, "getauth": "1"], auth: .none)
        #expect(first.result == 2297)
        let token = try #require(first["token"] as? String)
        try await api.fails(2092, "tfa_login", ["token": token, "code": "000000"], auth: .none)
        let done = try await api.ok("tfa_login", ["token": token, "code": carol.tfaCode!, "trustdevice": "1"], auth: .none)
        let session = try #require(done["auth"] as? String)
        #expect(done["email"] as? String == carol.email)
        try await api.ok("trash_list", auth: .raw("auth", session))
        try await api.fails(2064, "tfa_login", ["token": token, "code": carol.tfaCode!], auth: .none)
        // OAuth tokens work without the second factor.
        try await api.ok("userinfo", auth: .raw("access_token", carol.token))
    }
}
