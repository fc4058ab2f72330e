import Foundation
import Testing

/// `pcmd compare` with the real binary: quick misses a same-size, same-time file with other
/// content, --checksum finds it; copying the difference makes the folders compare equal.
@Suite struct CompareCommandTests {
    /// Writes `text` with a whole-second modified time, so the uploaded copy's time equals it.
    func write(_ text: String, _ url: URL, time: Date = Date(timeIntervalSince1970: 1_700_000_000)) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        try FileManager.default.setAttributes([.modificationDate: time], ofItemAtPath: url.path)
    }

    @Test func findsOnlyLocalOnlyCloudAndContentThenCopyingTheDifferenceMakesThemEqual() async throws {
        let home = try await ConfigHome.signedIn()
        let remote = try await home.makeRemoteFolder("cmp")
        let dir = try home.makeLocalFolder("cmp")
        try write("same", dir.appendingPathComponent("same.txt"))
        try write("only local", dir.appendingPathComponent("a.txt"))
        try write("version 1", dir.appendingPathComponent("c.txt"))
        // The cloud side: uploaded one at a time from a staging folder, each keeping its mtime.
        let staging = try home.makeLocalFolder("staging")
        try write("same", staging.appendingPathComponent("same.txt"))
        try write("only cloud", staging.appendingPathComponent("b.txt"))
        try write("version 2", staging.appendingPathComponent("c.txt"))
        for name in ["same.txt", "b.txt", "c.txt"] {
            let put = try await home.run(["put", staging.appendingPathComponent(name).path, remote])
            #expect(put.status == 0, "\(put)")
        }

        let quick = try await home.run(["compare", dir.path, remote])
        #expect(quick.status == 1, "\(quick)")
        #expect(quick.stdout == "- only-local a.txt\n+ only-cloud b.txt\n1 only-local, 1 only-cloud, 0 differing, 2 identical\n",
                "\(quick)")

        let thorough = try await home.run(["compare", dir.path, remote, "--checksum"])
        #expect(thorough.status == 1, "\(thorough)")
        let lines = thorough.stdout.split(separator: "\n").map(String.init)
        #expect(lines == ["- only-local a.txt", "+ only-cloud b.txt", "* differs c.txt (content)",
                          "1 only-local, 1 only-cloud, 1 differing, 1 identical"], "\(thorough)")

        let json = try await home.run(["compare", dir.path, remote, "--checksum", "--json"])
        #expect(json.status == 1, "\(json)")
        let record = try json.json()
        #expect(record["identical"] as? Bool == false)
        #expect(record["mode"] as? String == "thorough")
        let counts = try #require(record["counts"] as? [String: Int])
        #expect(counts == ["only-local": 1, "only-cloud": 1, "differs": 1, "identical": 1])
        let differences = try #require(record["differences"] as? [[String: Any]])
        #expect(differences.map { "\($0["status"]!) \($0["path"]!)" } == ["only-local a.txt", "only-cloud b.txt", "differs c.txt"])
        #expect(differences.last?["reason"] as? String == "content")

        // Copy the difference both ways: up the local-only and the changed file, down the cloud-only one.
        let up = try await home.run(["put", dir.appendingPathComponent("a.txt").path, dir.appendingPathComponent("c.txt").path,
                                     remote, "--overwrite"])
        #expect(up.status == 0, "\(up)")
        let down = try await home.run(["get", "\(remote)/b.txt", dir.path])
        #expect(down.status == 0, "\(down)")

        let equal = try await home.run(["compare", dir.path, remote, "--checksum", "--json"])
        #expect(equal.status == 0, "\(equal)")
        #expect(try equal.json()["identical"] as? Bool == true)
        let text = try await home.run(["compare", dir.path, remote, "--checksum"])
        #expect(text.status == 0 && text.stdout == "0 only-local, 0 only-cloud, 0 differing, 4 identical\n", "\(text)")
        #expect(text.stderr.isEmpty, "\(text)")
    }

    @Test func recursiveReportsPathsInsideSubfolders() async throws {
        let home = try await ConfigHome.signedIn()
        let remote = try await home.makeRemoteFolder("cmpr")
        let dir = try home.makeLocalFolder("cmpr")
        try write("deep", dir.appendingPathComponent("sub/deeper/d.txt"))
        let flat = try await home.run(["compare", dir.path, remote])
        #expect(flat.status == 1 && flat.stdout.hasPrefix("- only-local sub\n"), "\(flat)")
        let deep = try await home.run(["compare", dir.path, remote, "--recursive"])
        #expect(deep.status == 1 && deep.stdout.hasPrefix("- only-local sub/deeper/d.txt\n"), "\(deep)")
    }

    @Test func aFolderWithItselfIsAClearError() async throws {
        let home = try await ConfigHome.signedIn()
        let remote = try await home.makeRemoteFolder("cmpself")
        let same = try await home.run(["compare", remote, remote])
        #expect(same.status == 2, "\(same)")
        #expect(same.stderr.contains("same folder"), "\(same)")
        #expect(same.stdout.isEmpty)

        let dir = try home.makeLocalFolder("cmpself")
        let local = try await home.run(["compare", dir.path, dir.path + "/"])
        #expect(local.status == 2 && local.stderr.contains("same folder"), "\(local)")

        let missing = try await home.run(["compare", dir.path, "\(remote)/nope"])
        #expect(missing.status == 4, "an error is neither 0 (same) nor 1 (differ): \(missing)")
        #expect(missing.stderr.contains("does not exist"), "\(missing)")
    }
}
