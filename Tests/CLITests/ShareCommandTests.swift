import Foundation
import Testing

@Suite struct ShareCommandTests {
    @Test func aShareFromAliceIsAcceptedByBob() async throws {
        let alice = try await ConfigHome.signedIn(0)
        let bob = try await ConfigHome.signedIn(1)
        let folder = try await alice.makeRemoteFolder("team")
        let name = String(folder.dropFirst(4))

        let offered = try await alice.run(["share", folder, try await demoEmail(1), "--perm", "create,modify",
                                           "--message", "our folder"])
        #expect(offered.status == 0, "\(offered)")
        #expect(offered.stdout.contains("read, create, modify"))

        let offers = try await bob.run(["shares", "--json"]).jsonLines()
        let offer = try #require(offers.first { $0["name"] as? String == name && $0["incoming"] as? Bool == true }, "\(offers)")
        let requestID = try #require(offer["sharerequestid"] as? Int)

        let accepted = try await bob.run(["shares", "accept", String(requestID)])
        #expect(accepted.status == 0, "\(accepted)")
        let after = try await bob.run(["shares", "ls", "--json"]).jsonLines()
        #expect(after.contains { $0["name"] as? String == name && $0["shareid"] is Int && $0["incoming"] as? Bool == true },
                "\(after)")
        #expect(try await bob.run(["shares", "accept", String(requestID)]).status == 1)
    }

    @Test func theOwnerWithdrawsAnOfferAndStopsAShare() async throws {
        let alice = try await ConfigHome.signedIn(0)
        let bob = try await ConfigHome.signedIn(1)
        let folder = try await alice.makeRemoteFolder("stop")
        let name = String(folder.dropFirst(4))
        let bobMail = try await demoEmail(1)
        func aliceSees() async throws -> [[String: Any]] {
            try await alice.run(["shares", "--json"]).jsonLines().filter { $0["name"] as? String == name }
        }

        #expect(try await alice.run(["share", folder, bobMail]).status == 0)
        let offer = try #require(try await aliceSees().first?["sharerequestid"] as? Int)
        #expect(try await alice.run(["shares", "remove", String(offer)]).status == 0)
        #expect(try await aliceSees().isEmpty)

        #expect(try await alice.run(["share", folder, bobMail]).status == 0)
        #expect(try await bob.run(["shares", "accept", name]).status == 0)
        let share = try #require(try await aliceSees().first?["shareid"] as? Int)
        let removed = try await alice.run(["shares", "remove", String(share)])
        #expect(removed.status == 0, "\(removed)")
        #expect(try await bob.run(["shares", "--json"]).jsonLines().contains { $0["name"] as? String == name } == false)
        #expect(try await alice.run(["shares", "remove", String(share)]).status == 1)
    }

    @Test func aDeclinedOfferIsGoneAndAMissingFolderCannotBeShared() async throws {
        let alice = try await ConfigHome.signedIn(0)
        let bob = try await ConfigHome.signedIn(1)
        let folder = try await alice.makeRemoteFolder("declined")
        let name = String(folder.dropFirst(4))
        #expect(try await alice.run(["share", folder, try await demoEmail(1), "--read-only"]).status == 0)
        let declined = try await bob.run(["shares", "decline", name])
        #expect(declined.status == 0, "\(declined)")
        #expect(try await bob.run(["shares", "--json"]).jsonLines().contains { $0["name"] as? String == name } == false)

        let missing = try await alice.run(["share", "\(folder)-nope", try await demoEmail(1)])
        #expect(missing.status == 1 && missing.stderr.contains("pcmd ls"), "\(missing)")
        let both = try await alice.run(["share", folder, "x@example.com", "--read-only", "--perm", "create"])
        #expect(both.status == 64 || both.status == 2, "\(both)")
    }

    @Test func aReadOnlyShareRefusesWrites() async throws {
        let alice = try await ConfigHome.signedIn(0)
        let bob = try await ConfigHome.signedIn(1)
        let folder = try await alice.makeRemoteFolder("readonly")
        let name = String(folder.dropFirst(4))
        #expect(try await alice.run(["share", folder, try await demoEmail(1)]).status == 0)
        #expect(try await bob.run(["shares", "accept", name]).status == 0)

        // Where bob sees it: the share's folderid, looked up through his listing.
        let mine = try await bob.run(["ls", "-R", "--json", "pc:/"]).jsonLines()
        let path = try #require(mine.first { $0["name"] as? String == name }?["path"] as? String, "\(mine)")
        let file = try bob.makeLocalFile("intruder.txt", content: Data("x".utf8))
        let put = try await bob.run(["put", file.path, "pc:\(path)"])
        #expect(put.status == 1, "\(put)")
        #expect(put.stderr.contains("error 2003") || put.stderr.contains("permission"), "\(put)")
    }
}
