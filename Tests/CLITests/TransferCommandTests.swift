import Foundation
import Testing

@Suite struct TransferCommandTests {
    @Test func putThenGetGivesBackTheSameBytes() async throws {
        let home = try await ConfigHome.signedIn()
        let remote = try await home.makeRemoteFolder("put")
        let file = try home.makeLocalFile("data.bin", size: 300_000)

        let put = try await home.run(["put", file.path, remote, "--json"])
        #expect(put.status == 0, "\(put)")
        #expect(put.stderr.isEmpty, "no progress bar when stderr is not a terminal")
        let record = try put.json()
        #expect(record["target"] as? String == "\(remote)/data.bin")
        #expect(record["bytes"] as? Int == 300_000)

        let back = try home.makeLocalFolder("back")
        let get = try await home.run(["get", "\(remote)/data.bin", back.path])
        #expect(get.status == 0, "\(get)")
        #expect(try Data(contentsOf: back.appendingPathComponent("data.bin")) == Data(contentsOf: file))
    }

    /// A target written with a trailing slash is a folder, as for cp: when it is not there the
    /// item is not written as a file of that name.
    @Test func aTargetEndingInSlashIsAFolder() async throws {
        let home = try await ConfigHome.signedIn()
        let remote = try await home.makeRemoteFolder("slash")
        let file = try home.makeLocalFile("a.txt", content: Data("a".utf8))
        let put = try await home.run(["put", file.path, "\(remote)/newdir/"])
        #expect(put.status == 1 && put.stderr.contains("\(remote)/newdir does not exist"), "\(put)")
        #expect(try await home.run(["ls", remote]).stdout.isEmpty)
        #expect(try await home.run(["put", file.path, remote]).status == 0)
        let local = try home.makeLocalFolder("down")
        let get = try await home.run(["get", "\(remote)/a.txt", local.path + "/nodir/"])
        #expect(get.status == 1 && get.stderr.contains("nodir is not a folder on this computer"), "\(get)")
        #expect(!FileManager.default.fileExists(atPath: local.path + "/nodir"))
        // Without the slash it names the one item's new name, as before.
        #expect(try await home.run(["get", "\(remote)/a.txt", local.path + "/b.txt"]).status == 0)
        #expect(try String(contentsOfFile: local.path + "/b.txt", encoding: .utf8) == "a")
    }

    /// pCloud has no symbolic links: a folder's links stay behind, each named, as `compare`
    /// leaves them out; a dangling one or one to a folder no longer fails the whole put.
    @Test func putLeavesSymbolicLinksBehindNamed() async throws {
        let home = try await ConfigHome.signedIn()
        let remote = try await home.makeRemoteFolder("links")
        let dir = try home.makeLocalFolder("linked")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("a".utf8).write(to: dir.appendingPathComponent("a.txt"))
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("dangling").path, withDestinationPath: "/no/such/target")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("to-file").path, withDestinationPath: "a.txt")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("sub/to-folder").path, withDestinationPath: "..")

        let put = try await home.run(["put", dir.path, remote])
        #expect(put.status == 6, "\(put)")
        let lines = put.stderr.split(separator: "\n").map(String.init)
        for link in ["dangling", "to-file", "sub/to-folder"] {
            #expect(lines.contains("pcmd: skipped \(dir.path)/\(link): symbolic link, not followed"), "\(link): \(put)")
        }
        #expect(lines.last == "pcmd: done with 3 skipped", "\(put)")
        let listed = try await home.run(["ls", "-R", "\(remote)/\(dir.lastPathComponent)"])
        #expect(listed.stdout.split(separator: "\n").map { String($0.split(separator: "/").dropFirst(2).joined(separator: "/")) }.sorted()
                == ["a.txt", "sub"], "\(listed)")

        // A link named on the command line is followed, a folder's too, under the link's name.
        let named = home.root.appendingPathComponent("folder-link-\(UUID().uuidString.prefix(6))")
        try fm.createSymbolicLink(atPath: named.path, withDestinationPath: dir.path)
        let followed = try await home.run(["put", named.path, remote])
        #expect(followed.status == 6, "\(followed)")
        #expect(try await home.run(["ls", "\(remote)/\(named.lastPathComponent)"]).stdout == "sub/\na.txt\n")
    }

    @Test func aFolderTreeGoesUpAndComesBackAndMvRemovesTheLocalSource() async throws {
        let home = try await ConfigHome.signedIn()
        let remote = try await home.makeRemoteFolder("tree")
        let tree = try home.makeLocalFolder("album")
        try FileManager.default.createDirectory(at: tree.appendingPathComponent("inner"), withIntermediateDirectories: true)
        try Data("one".utf8).write(to: tree.appendingPathComponent("one.txt"))
        try Data("two".utf8).write(to: tree.appendingPathComponent("inner/two.txt"))

        #expect(try await home.run(["put", tree.path, remote]).status == 0)
        let listed = try await home.run(["ls", "-R", "\(remote)/\(tree.lastPathComponent)"])
        #expect(listed.stdout.contains("/inner/two.txt"), "\(listed)")

        let back = try home.makeLocalFolder("back")
        #expect(try await home.run(["get", "\(remote)/\(tree.lastPathComponent)", back.path]).status == 0)
        let copy = back.appendingPathComponent(tree.lastPathComponent)
        #expect(try String(contentsOf: copy.appendingPathComponent("inner/two.txt"), encoding: .utf8) == "two")

        let mv = try await home.run(["mv", copy.appendingPathComponent("one.txt").path, "\(remote)"])
        #expect(mv.status == 0, "\(mv)")
        #expect(!FileManager.default.fileExists(atPath: copy.appendingPathComponent("one.txt").path))
        #expect(try await home.run(["ls", remote]).stdout.contains("one.txt"))
    }

    @Test func anExistingTargetIsLeftAloneUnlessTheUserSays() async throws {
        let home = try await ConfigHome.signedIn()
        let remote = try await home.makeRemoteFolder("conflict")
        let first = try home.makeLocalFile("same.txt", content: Data("first".utf8))
        let second = try home.makeLocalFile("same.txt", content: Data("second".utf8))
        #expect(try await home.run(["put", first.path, remote]).status == 0)

        let refused = try await home.run(["put", second.path, remote])
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("--overwrite"), "\(refused)")

        #expect(try await home.run(["put", second.path, remote, "--keep-both"]).status == 0)
        #expect(try await home.run(["put", second.path, remote, "--overwrite"]).status == 0)
        let names = try await home.run(["ls", remote]).stdout.split(separator: "\n")
        #expect(names.count == 2, "\(names)")

        let back = try home.makeLocalFolder("back")
        #expect(try await home.run(["get", "\(remote)/same.txt", back.path]).status == 0)
        #expect(try String(contentsOf: back.appendingPathComponent("same.txt"), encoding: .utf8) == "second")
    }

    @Test func aTargetThatNamesAFileGivesTheItemThatName() async throws {
        let home = try await ConfigHome.signedIn()
        let remote = try await home.makeRemoteFolder("rename")
        let file = try home.makeLocalFile("draft.txt", content: Data("final words".utf8))
        let put = try await home.run(["put", file.path, "\(remote)/final.txt"])
        #expect(put.status == 0, "\(put)")
        #expect(put.stdout == "\(file.path) → \(remote)/final.txt\n")

        let back = try home.makeLocalFolder("back")
        let get = try await home.run(["get", "\(remote)/final.txt", back.appendingPathComponent("local.txt").path])
        #expect(get.status == 0, "\(get)")
        #expect(try String(contentsOf: back.appendingPathComponent("local.txt"), encoding: .utf8) == "final words")

        // An existing file as the target is a conflict like any other.
        let refused = try await home.run(["get", "\(remote)/final.txt", back.appendingPathComponent("local.txt").path])
        #expect(refused.status == 1, "\(refused)")
        #expect(try await home.run(["cp", "\(remote)/final.txt", "\(remote)/copy.txt"]).status == 0)
        #expect(try await home.run(["ls", remote]).stdout == "copy.txt\nfinal.txt\n")
        let two = try await home.run(["put", file.path, file.path, "\(remote)/x.txt"])
        #expect(two.status == 1 && two.stderr.contains("does not exist"), "several items need a folder: \(two)")
    }

    @Test func cpAndMvWithinTheCloud() async throws {
        let home = try await ConfigHome.signedIn()
        let a = try await home.makeRemoteFolder("cp-a")
        let b = try await home.makeRemoteFolder("cp-b")
        let file = try home.makeLocalFile("note.txt", content: Data("hello".utf8))
        #expect(try await home.run(["put", file.path, a]).status == 0)

        let cp = try await home.run(["cp", "\(a)/note.txt", b])
        #expect(cp.status == 0, "\(cp)")
        #expect(try await home.run(["ls", b]).stdout == "note.txt\n")

        #expect(try await home.run(["mkdir", "\(b)/sub"]).status == 0)
        let mv = try await home.run(["mv", "\(a)/note.txt", "\(b)/sub"])
        #expect(mv.status == 0, "\(mv)")
        #expect(try await home.run(["ls", a]).stdout.isEmpty)
        #expect(try await home.run(["ls", "\(b)/sub"]).stdout == "note.txt\n")
    }

    @Test func putNeedsARemoteTargetAndAnExistingSource() async throws {
        let home = try await ConfigHome.signedIn()
        let usage = try await home.run(["put", "a", "b"])
        #expect(usage.status == 64 || usage.status == 2, "\(usage)")

        let remote = try await home.makeRemoteFolder("put-missing")
        let missing = try await home.run(["put", "/no/such/file", remote])
        #expect(missing.status == 1, "\(missing)")
        // A path on this computer is not one pcmd ls lists: the hint says what would help.
        #expect(missing.stderr == "pcmd: /no/such/file does not exist on this computer — check it with ls; a pCloud path starts with pc:\n",
                "\(missing)")
        let notFolder = try await home.run(["cp", "\(remote)", "/no/such/folder"])
        #expect(notFolder.status == 1 && notFolder.stderr.hasSuffix("is not a folder on this computer — check it with ls; a pCloud path starts with pc:\n"),
                "\(notFolder)")

        let noFolder = try await home.run(["get", "\(remote)/nothing.txt", home.root.path])
        #expect(noFolder.status == 1 && noFolder.stderr.contains("pcmd ls"), "\(noFolder)")
    }
}
