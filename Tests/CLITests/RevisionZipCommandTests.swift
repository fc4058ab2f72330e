import Foundation
import Testing

@Suite struct RevisionZipCommandTests {
    @Test func revisionsListAndRevertBringsOldContentBack() async throws {
        let home = try await ConfigHome.signedIn()
        let remote = try await home.makeRemoteFolder("rev")
        let v1 = try home.makeLocalFile("doc.txt", content: Data("version one".utf8))
        let v2 = try home.makeLocalFile("doc.txt", content: Data("version two!".utf8))
        #expect(try await home.run(["put", v1.path, remote]).status == 0)
        #expect(try await home.run(["put", v2.path, remote, "--overwrite"]).status == 0)

        let revisions = try await home.run(["revisions", "\(remote)/doc.txt", "--json"]).jsonLines()
        let old = try #require(revisions.first { $0["size"] as? Int == 11 }, "\(revisions)")
        let id = try #require(old["revisionid"] as? Int)

        let reverted = try await home.run(["revert", "\(remote)/doc.txt", String(id), "--json"])
        #expect(reverted.status == 0, "\(reverted)")
        let record = try reverted.json()
        #expect(record["action"] as? String == "revert" && record["revisionid"] as? String == String(id))
        let back = try home.makeLocalFolder("back")
        #expect(try await home.run(["get", "\(remote)/doc.txt", back.path]).status == 0)
        #expect(try String(contentsOf: back.appendingPathComponent("doc.txt"), encoding: .utf8) == "version one")

        let missing = try await home.run(["revisions", "\(remote)/none.txt"])
        #expect(missing.status == 1, "\(missing)")
    }

    @Test func zipOnTheServerThenUnzipElsewhere() async throws {
        let home = try await ConfigHome.signedIn()
        let remote = try await home.makeRemoteFolder("zip")
        let a = try home.makeLocalFile("a.txt", content: Data("alpha".utf8))
        let b = try home.makeLocalFile("b.bin", size: 50_000)
        #expect(try await home.run(["put", a.path, b.path, remote]).status == 0)

        let zip = try await home.run(["zip", "\(remote)/a.txt", "\(remote)/b.bin", "--to", "\(remote)/both.zip"])
        #expect(zip.status == 0, "\(zip)")
        #expect(zip.stdout.contains("both.zip"))
        let zipJSON = try await home.run(["zip", "\(remote)/a.txt", "--to", "\(remote)/a.zip", "--json"]).json()
        #expect(zipJSON["action"] as? String == "zip" && (zipJSON["path"] as? String)?.hasSuffix("/a.zip") == true)
        let trashed = try await home.run(["rm", "\(remote)/a.zip", "--json"]).jsonLines()
        #expect(trashed.map { $0["action"] as? String } == ["rm"])
        let again = try await home.run(["zip", "\(remote)/a.txt", "--to", "\(remote)/both.zip"])
        #expect(again.status == 1, "an existing archive is not overwritten: \(again)")

        let made = try await home.run(["mkdir", "\(remote)/out", "--json"]).json()
        #expect(made["action"] as? String == "mkdir" && (made["path"] as? String)?.hasSuffix("/out") == true)
        let unzip = try await home.run(["unzip", "\(remote)/both.zip", "--to", "\(remote)/out", "--json"])
        #expect(unzip.status == 0, "\(unzip)")
        #expect(try unzip.json()["into"] as? String == String(remote.dropFirst(3)) + "/out")
        let back = try home.makeLocalFolder("back")
        #expect(try await home.run(["get", "\(remote)/out/b.bin", back.path]).status == 0)
        #expect(try Data(contentsOf: back.appendingPathComponent("b.bin")) == Data(contentsOf: b))

        let notThere = try await home.run(["unzip", "\(remote)/none.zip", "--to", "\(remote)/out"])
        #expect(notThere.status == 1, "\(notThere)")
    }
}
