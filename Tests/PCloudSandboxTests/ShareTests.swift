import Foundation
import NIOCore
import Testing

@Suite struct ShareTests {
    @Test func shareScenarioBetweenTwoUsers() async throws {
        let alice = try await Harness.api(0)
        let bob = try await Harness.api(1)
        let carol = try await Harness.api(2)
        let bobMail = alice.info.users[1].email
        let team = try await alice.folder("team")
        let doc = try await alice.upload(Array("team doc".utf8), name: "doc.txt", folder: team)["fileid"] as! Int

        try await alice.fails(1023, "sharefolder", ["folderid": String(team), "permissions": "0"])
        try await alice.fails(1024, "sharefolder", ["folderid": String(team), "mail": bobMail])
        try await alice.fails(2015, "sharefolder", ["folderid": "0", "mail": bobMail, "permissions": "0"])
        try await alice.fails(2020, "sharefolder", ["folderid": String(team), "mail": alice.info.users[0].email, "permissions": "0"])
        try await alice.fails(2018, "sharefolder", ["folderid": String(team), "mail": "not-an-address", "permissions": "0"])
        let request = try #require(try await alice.ok("sharefolder", ["folderid": String(team), "mail": bobMail, "permissions": "0",
                                                                     "name": "Team", "message": "hi bob"])["sharerequestid"] as? Int)
        try await alice.fails(2019, "sharefolder", ["folderid": String(team), "mail": bobMail, "permissions": "0"])

        let incoming = try await bob.ok("listshares")
        let offer = try #require(((incoming["requests"] as? [String: Any])?["incoming"] as? [[String: Any]])?.first { $0["sharerequestid"] as? Int == request })
        #expect(offer["frommail"] as? String == alice.info.users[0].email && offer["message"] as? String == "hi bob")
        #expect(offer["canmodify"] as? Bool == false)
        let outgoing = try await alice.ok("listshares", ["noincoming": "1"])
        #expect((((outgoing["requests"] as? [String: Any])?["outgoing"] as? [[String: Any]]) ?? []).contains { $0["sharerequestid"] as? Int == request })
        try await carol.fails(2022, "acceptshare", ["sharerequestid": String(request)])

        let name = "From Alice \(UUID().uuidString.prefix(4))"
        let accepted = try await bob.ok("acceptshare", ["sharerequestid": String(request), "name": name])
        let shareid = try #require(accepted["shareid"] as? Int)
        try await bob.fails(2021, "acceptshare", ["sharerequestid": String(request)])

        // bob sees it in his root, read-only.
        let root = try await bob.ok("listfolder", ["folderid": "0"])
        let mounted = try #require(root.contents.first { $0["name"] as? String == name })
        #expect(mounted["folderid"] as? Int == team && mounted["ismine"] as? Bool == false && mounted["parentfolderid"] as? Int == 0)
        #expect(mounted["canmodify"] as? Bool == false && mounted["cancreate"] as? Bool == false && mounted["userid"] is Int)
        let inside = try await bob.ok("listfolder", ["path": "/\(name)"])
        #expect(inside.contents.map { $0["fileid"] as? Int } == [doc])
        let link = try await bob.ok("getfilelink", ["fileid": String(doc)])
        let (_, body) = try await bob.download(bob.base + (link["path"] as! String))
        #expect(String(decoding: body, as: UTF8.self) == "team doc")
        try await bob.fails(2003, "createfolder", ["folderid": String(team), "name": "x"])
        try await bob.fails(2003, "deletefile", ["fileid": String(doc)])
        try await bob.fails(2003, "renamefile", ["fileid": String(doc), "toname": "mine.txt"])
        let refused = try await bob.call("uploadfile", ["folderid": String(team), "filename": "b.txt"], httpMethod: .PUT, body: .bytes(ByteBuffer(string: "b")))
        #expect(refused.result == 2003)
        // The owner sees the folder as shared and cannot delete it while it is.
        #expect(try await alice.ok("listfolder", ["folderid": String(team)]).metadata["isshared"] as? Bool == true)
        try await alice.fails(2028, "deletefolderrecursive", ["folderid": String(team)])

        // Full rights: bob writes; what he makes belongs to alice and counts on her quota.
        try await bob.fails(2025, "changeshare", ["shareid": String(shareid), "permissions": "7"])   // only the owner
        try await alice.ok("changeshare", ["shareid": String(shareid), "permissions": "7"])
        let made = try await bob.upload(Array("from bob".utf8), name: "bob.txt", folder: team)
        #expect(made["ismine"] as? Bool == false)
        let seen = try await alice.ok("stat", ["fileid": String(made["fileid"] as! Int)])
        #expect(seen.metadata["ismine"] as? Bool == true)
        try await bob.ok("renamefile", ["fileid": String(made["fileid"] as! Int), "toname": "bob2.txt"])
        try await bob.ok("deletefile", ["fileid": String(made["fileid"] as! Int)])
        // bob renames his mount; alice's folder keeps its name.
        let renamed = try await bob.ok("renamefolder", ["folderid": String(team), "toname": name + " (mine)"])
        #expect(renamed.metadata["name"] as? String == name + " (mine)")
        #expect((try await alice.ok("listfolder", ["folderid": String(team)]).metadata["name"] as? String)?.hasPrefix("team-") == true)

        // Both sides' diff logs saw the share change.
        let bobEvents = try #require(try await bob.ok("diff", ["last": "200"])["entries"] as? [[String: Any]])
        #expect(bobEvents.contains { $0["event"] as? String == "requestsharein" && ($0["share"] as? [String: Any])?["sharerequestid"] as? Int == request })
        #expect(bobEvents.contains { $0["event"] as? String == "modifiedsharein" && ($0["share"] as? [String: Any])?["candelete"] as? Bool == true })
        let aliceEvents = try #require(try await alice.ok("diff", ["last": "100000"])["entries"] as? [[String: Any]])
        #expect(aliceEvents.contains { $0["event"] as? String == "acceptedshareout" && ($0["share"] as? [String: Any])?["shareid"] as? Int == shareid })
        try await bob.ok("removeshare", ["shareid": String(shareid)])
        try await bob.fails(2005, "listfolder", ["folderid": String(team)])
        try await bob.fails(2025, "removeshare", ["shareid": String(shareid)])
        try await alice.ok("deletefolderrecursive", ["folderid": String(team)])
    }

    @Test func declineCancelAndRequestInfo() async throws {
        let alice = try await Harness.api(0)
        let bob = try await Harness.api(1)
        let bobMail = alice.info.users[1].email
        let folder = try await alice.folder("offer")
        let first = try #require(try await alice.ok("sharefolder", ["folderid": String(folder), "mail": bobMail, "permissions": "1"])["sharerequestid"] as? Int)
        try await bob.ok("declineshare", ["sharerequestid": String(first)])
        try await bob.fails(2021, "acceptshare", ["sharerequestid": String(first)])
        let second = try #require(try await alice.ok("sharefolder", ["folderid": String(folder), "mail": bobMail, "permissions": "1"])["sharerequestid"] as? Int)
        try await bob.fails(2021, "cancelsharerequest", ["sharerequestid": String(second)])   // only the sender cancels
        try await alice.ok("cancelsharerequest", ["sharerequestid": String(second)])
        try await bob.fails(2021, "acceptshare", ["sharerequestid": String(second)])
        try await bob.fails(1025, "acceptshare")
        try await alice.fails(1022, "sharerequestinfo", auth: .none)
        try await alice.fails(2021, "sharerequestinfo", ["code": "nosuchcode"], auth: .none)
        // A request to someone not (yet) in the sandbox waits like an e-mail invitation.
        try await alice.ok("sharefolder", ["folderid": String(folder), "mail": "dave@example.com", "permissions": "0"])
    }
}
