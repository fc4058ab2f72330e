import Foundation
import Testing

/// A fresh demo sandbox gives every screen of the file manager something to show.
@Suite struct DemoScenesTests {
    @Test func aFreshDemoHasSomethingForEveryScreen() async throws {
        let api = try await Harness.api(0)
        let auth = try await TrashTests.session(api)

        // The trash: a photo and a document, each from a folder that still exists, and a folder.
        let trash = try await api.ok("trash_list", auth: auth).contents
        let photos = try await api.ok("listfolder", ["path": "/Photos"]).metadata["folderid"] as? Int
        let blurry = try #require(trash.first { $0["name"] as? String == "blurry shot.png" })
        #expect(blurry["origparentfolderid"] as? Int == photos)
        #expect(trash.contains { $0["name"] as? String == "old draft.txt" })
        #expect(trash.contains { $0["name"] as? String == "prototype" && $0["isfolder"] as? Bool == true })

        // Revisions of the todo list.
        let todo = try await api.ok("stat", ["path": "/Documents/Notes/todo.md"]).metadata["fileid"] as! Int
        let revisions = try await api.ok("listrevisions", ["fileid": String(todo)])["revisions"] as? [[String: Any]]
        #expect((revisions?.count ?? 0) >= 2)

        // bob's offer, which alice can accept.
        let shares = try await api.ok("listshares")
        let offers = (shares["requests"] as? [String: Any])?["incoming"] as? [[String: Any]] ?? []
        let offer = try #require(offers.first { $0["sharename"] as? String == "Team plans" }, "\(offers)")
        #expect(offer["frommail"] as? String == api.info.users[1].email)

        // A public link that has been downloaded, an upload link, a collection.
        let links = try await api.ok("listpublinks")["publinks"] as? [[String: Any]] ?? []
        #expect(links.contains { ($0["downloads"] as? Int ?? 0) > 0 })
        let uploads = try await api.ok("listuploadlinks")["uploadlinks"] as? [[String: Any]] ?? []
        #expect(uploads.contains { $0["comment"] as? String == "Send me your holiday photos" })
        let collections = try await api.ok("collection_list")["collections"] as? [[String: Any]] ?? []
        let mix = try #require(collections.first { $0["name"] as? String == "Summer mix" })
        #expect(mix["items"] as? Int == 4)
    }
}
