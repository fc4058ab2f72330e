import Foundation
import NIOCore
import Testing

@Suite struct UploadLinkTests {
    @Test func uploadLinkLifecycle() async throws {
        let alice = try await Harness.api(0)
        let bob = try await Harness.api(1)
        let inbox = try await alice.folder("inbox")
        try await alice.fails(1035, "createuploadlink", ["folderid": String(inbox)])
        let made = try await alice.ok("createuploadlink", ["folderid": String(inbox), "comment": "Drop your photos", "maxfiles": "2"])
        let code = try #require(made["code"] as? String)
        let id = try #require(made["uploadlinkid"] as? Int)
        #expect((made["link"] as? String)?.contains(code) == true && (made["mail"] as? String)?.contains("@") == true)
        try await bob.fails(2005, "createuploadlink", ["folderid": String(inbox), "comment": "x"])

        let shown = try await bob.ok("showuploadlink", ["code": code], auth: .none)
        #expect(shown["comment"] as? String == "Drop your photos")
        // Strangers upload without an account; a clash is renamed.
        for _ in 0..<2 {
            let r = try await bob.call("uploadtolink", ["code": code, "filename": "photo.jpg", "nopartial": "1"], auth: .none,
                                       httpMethod: .PUT, body: .bytes(ByteBuffer(string: "jpeg bytes")))
            #expect(r.result == 0, "\(r.text)")
        }
        let names = try await alice.ok("listfolder", ["folderid": String(inbox)]).contents.compactMap { $0["name"] as? String }
        #expect(Set(names) == ["photo.jpg", "photo (1).jpg"])
        let third = try await bob.call("uploadtolink", ["code": code, "filename": "more.jpg"], auth: .none, httpMethod: .PUT,
                                       body: .bytes(ByteBuffer(string: "x")))
        #expect(third.result == 7008)

        let list = try await alice.ok("listuploadlinks")
        let entry = try #require((list["uploadlinks"] as? [[String: Any]])?.first { $0["uploadlinkid"] as? Int == id })
        #expect(entry["files"] as? Int == 2 && entry["space"] as? Int == 20 && (entry["metadata"] as? [String: Any])?["folderid"] as? Int == inbox)
        try await alice.ok("changeuploadlink", ["uploadlinkid": String(id), "maxfiles": "0", "maxspace": "25"])
        let mine = try await bob.upload(Array("0123456789".utf8), name: "bobs.txt", folder: 0)["fileid"] as! Int
        try await bob.fails(7007, "copytolink", ["code": code, "fileid": String(mine)])
        try await alice.ok("changeuploadlink", ["uploadlinkid": String(id), "maxspace": "0"])
        try await bob.ok("copytolink", ["code": code, "fileid": String(mine), "toname": "from-bob.txt"])
        try await alice.ok("stat", ["path": "/\(try await alice.ok("listfolder", ["folderid": String(inbox)]).metadata["name"] as! String)/from-bob.txt"])
        try await alice.ok("changeuploadlink", ["uploadlinkid": String(id), "expire": "2001-01-01"])
        try await bob.fails(7004, "showuploadlink", ["code": code], auth: .none)
        try await alice.ok("deleteuploadlink", ["uploadlinkid": String(id)])
        try await bob.fails(7002, "showuploadlink", ["code": code], auth: .none)
        try await alice.fails(2040, "deleteuploadlink", ["uploadlinkid": String(id)])
        try await alice.fails(1036, "changeuploadlink")
        try await bob.fails(7001, "showuploadlink", ["code": "nope"], auth: .none)
        try await bob.fails(1900, "uploadlinkprogress", ["code": code, "progresshash": "none"], auth: .none)
    }
}
