import Crypto
import Foundation
import Testing

@Suite struct FileTests {
    @Test func copyfileCopiesOverwritesAndSetsTimes() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("copyfile")
        let other = try await api.ok("createfolder", ["folderid": String(top), "name": "other"]).metadata["folderid"] as! Int
        let src = try await api.upload(Array("original".utf8), name: "src.txt", folder: top)
        let srcID = src["fileid"] as! Int
        let copy = try await api.ok("copyfile", ["fileid": String(srcID), "tofolderid": String(other), "toname": "copy.txt"])
        #expect(copy.metadata["name"] as? String == "copy.txt" && copy.metadata["parentfolderid"] as? Int == other)
        let copyID = try #require(copy.metadata["fileid"] as? Int)
        #expect(copyID != srcID)
        #expect(copy.metadata["hash"] as? NSNumber == src["hash"] as? NSNumber)

        // Overwrite keeps the target's fileid.
        let newer = try await api.upload(Array("newer content".utf8), name: "newer.txt", folder: top)
        let over = try await api.ok("copyfile", ["fileid": String(newer["fileid"] as! Int), "tofolderid": String(other), "toname": "copy.txt"])
        #expect(over.metadata["fileid"] as? Int == copyID)
        #expect(over.metadata["size"] as? Int == 13)
        try await api.fails(2004, "copyfile", ["fileid": String(srcID), "tofolderid": String(other), "toname": "copy.txt", "noover": "1"])

        // Onto itself with mtime/ctime (rclone's SetModTime): times change, content and id stay.
        let touched = try await api.ok("copyfile", ["fileid": String(srcID), "tofolderid": String(top), "toname": "src.txt",
                                                    "mtime": "1600000000", "ctime": "1500000000", "timeformat": "timestamp"], httpMethod: .PUT)
        #expect(touched.metadata["fileid"] as? Int == srcID)
        #expect(touched.metadata["modified"] as? Int == 1_600_000_000)
        #expect(touched.metadata["created"] as? Int == 1_500_000_000)
        #expect(touched.metadata["size"] as? Int == 8)

        let topName = try #require(try await api.ok("listfolder", ["folderid": String(top)]).metadata["name"] as? String)
        let byPath = try await api.ok("copyfile", ["path": "/\(topName)/src.txt", "topath": "/\(topName)/other/"])
        #expect(byPath.metadata["name"] as? String == "src.txt" && byPath.metadata["parentfolderid"] as? Int == other)
        try await api.fails(1004, "copyfile", ["tofolderid": "0"])
        try await api.fails(1016, "copyfile", ["fileid": String(srcID)])
        try await api.fails(2009, "copyfile", ["fileid": "1", "tofolderid": "0"])
        try await api.fails(2005, "copyfile", ["fileid": String(srcID), "tofolderid": "999999"])
    }

    @Test func checksumfileMatchesContent() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("checksum")
        let data = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let id = try await api.upload(data, name: "data.bin", folder: top)["fileid"] as! Int
        let r = try await api.ok("checksumfile", ["fileid": String(id)])
        #expect(r["sha1"] as? String == Insecure.SHA1.hash(data: data).map { String(format: "%02x", $0) }.joined())
        #expect(r["md5"] as? String == Insecure.MD5.hash(data: data).map { String(format: "%02x", $0) }.joined())
        #expect(r["sha256"] == nil)
        #expect(r.metadata["fileid"] as? Int == id)
        try await api.fails(1004, "checksumfile")
        try await api.fails(2009, "checksumfile", ["fileid": "12345"])
    }

    @Test func deleteRenameAndStat() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("files")
        let other = try await api.ok("createfolder", ["folderid": String(top), "name": "other"]).metadata["folderid"] as! Int
        let a = try await api.upload(Array("a".utf8), name: "a.txt", folder: top)["fileid"] as! Int
        let b = try await api.upload(Array("bb".utf8), name: "b.txt", folder: other)["fileid"] as! Int

        let st = try await api.ok("stat", ["fileid": String(a)])
        #expect(st.metadata["name"] as? String == "a.txt" && st.metadata["size"] as? Int == 1)
        let topName = try #require(try await api.ok("listfolder", ["folderid": String(top)]).metadata["name"] as? String)
        let byPath = try await api.ok("stat", ["path": "/\(topName)/a.txt"])
        #expect(byPath.metadata["fileid"] as? Int == a)
        try await api.fails(2055, "stat", ["path": "/\(topName)/none.txt"])
        try await api.fails(2009, "stat", ["fileid": "4242"])
        try await api.fails(1004, "stat")

        let moved = try await api.ok("renamefile", ["fileid": String(a), "tofolderid": String(other), "toname": "moved.txt"])
        #expect(moved.metadata["fileid"] as? Int == a && moved.metadata["parentfolderid"] as? Int == other)
        #expect(moved.metadata["name"] as? String == "moved.txt")
        // Onto an existing name: replaced atomically, reported as deletedfileid.
        let replaced = try await api.ok("renamefile", ["fileid": String(a), "toname": "b.txt"])
        #expect(replaced.metadata["deletedfileid"] as? Int == b)
        try await api.fails(2009, "stat", ["fileid": String(b)])
        let viaPath = try await api.ok("renamefile", ["fileid": String(a), "topath": "/\(topName)/"])
        #expect(viaPath.metadata["parentfolderid"] as? Int == top && viaPath.metadata["name"] as? String == "b.txt")
        try await api.fails(1037, "renamefile", ["fileid": String(a)])
        try await api.fails(2001, "renamefile", ["fileid": String(a), "toname": "bad/name"])

        let deleted = try await api.ok("deletefile", ["fileid": String(a)])
        #expect(deleted.metadata["isdeleted"] as? Bool == true)
        try await api.fails(2009, "deletefile", ["fileid": String(a)])
        try await api.fails(1004, "deletefile")
    }
}
