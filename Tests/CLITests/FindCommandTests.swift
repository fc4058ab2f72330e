import Foundation
import Testing

@Suite struct FindCommandTests {
    @Test func findInTheCloudByNameKindAndSizeAsTextAndJSON() async throws {
        let home = try await ConfigHome.signedIn()
        let top = try await home.makeRemoteFolder("find")
        let src = try home.makeLocalFolder("tree")
        for (path, size) in [("photos/Beach.JPG", 3000), ("photos/2026/beach-hut.png", 40), ("docs/beach notes.txt", 10),
                             ("docs/other.txt", 10)] {
            let url = src.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(repeating: 7, count: size).write(to: url)
        }
        for sub in ["photos", "docs"] { #expect(try await home.run(["put", src.path + "/" + sub, top]).status == 0) }

        let plain = try await home.run(["find", top, "beach"])
        #expect(plain.status == 0, "\(plain)")
        #expect(plain.stdout == "\(top)/docs/beach notes.txt\n\(top)/photos/2026/beach-hut.png\n\(top)/photos/Beach.JPG\n")

        let json = try await home.run(["find", top, "*.jpg", "--json"]).json()
        let found = try #require(json["found"] as? [[String: Any]])
        #expect(found.compactMap { $0["path"] as? String } == [String(top.dropFirst(3)) + "/photos/Beach.JPG"])
        #expect(found.first?["fileid"] as? Int != nil && json["pattern"] as? String == "*.jpg")

        let images = try await home.run(["find", top, "beach", "--category", "image", "--larger", "1k", "--json"]).json()
        #expect((images["found"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["Beach.JPG"])
        #expect(try await home.run(["find", top, "nothing-like-this"]).stdout == "")
    }

    @Test func findOnDiskAndBadInput() async throws {
        let home = try await ConfigHome.signedIn()
        let dir = try home.makeLocalFolder("disk")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: dir.appendingPathComponent("a/b/Notes.md"))
        try Data("x".utf8).write(to: dir.appendingPathComponent("a/notes.txt"))
        let out = try await home.run(["find", dir.path, "NOTES", "--json"])
        #expect(out.status == 0, "\(out)")
        let paths = (try out.json()["found"] as? [[String: Any]])?.compactMap { $0["path"] as? String }.sorted()
        #expect(paths == [dir.path + "/a/b/Notes.md", dir.path + "/a/notes.txt"])

        let bad = try await home.run(["find", dir.path, "photo[12"])
        #expect(bad.status == 2 && bad.stderr.contains("no closing"), "\(bad)")
        let size = try await home.run(["find", dir.path, "x", "--larger", "huge"])
        #expect(size.status == 2 && size.stderr.contains("huge"), "\(size)")
        let missing = try await home.run(["find", dir.path + "/nope", "x"])
        #expect(missing.status == 1 && missing.stderr.hasSuffix("/nope is not a folder on this computer — check it with ls; a pCloud path starts with pc:\n"),
                "\(missing)")
        let remoteMissing = try await home.run(["find", "pc:/no-such-folder-here", "x"])
        #expect(remoteMissing.status == 1 && remoteMissing.stderr.contains("does not exist"), "\(remoteMissing)")
    }
}
