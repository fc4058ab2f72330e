import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `put` of a folder holding names pCloud refuses (not UTF-8, a backslash) sends the rest, names
/// each file left behind with the reason and a hint, and exits 6; `compare` lists them only-local.
@Suite struct UnusualNameCommandTests {
    /// A file at `dir`/`name` created with the name's bytes as they are.
    func create(_ dir: URL, _ name: [UInt8]) {
        let path = Array(dir.path.utf8) + [0x2F] + name
        let fd = open(path.map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        close(fd)
    }

    @Test func putNamesEachSkippedFileAndCompareListsThemOnlyLocal() async throws {
        let home = try await ConfigHome.signedIn()
        let remote = try await home.makeRemoteFolder("names")
        let dir = try home.makeLocalFolder("names")
        try Data("fine".utf8).write(to: dir.appendingPathComponent("good.txt"))
        create(dir, Array("bad-".utf8) + [0xFF, 0xFE] + Array("-utf8.txt".utf8))
        create(dir, Array("back\\slash.txt".utf8))

        let put = try await home.run(["put", dir.path, remote])
        #expect(put.status == 6, "\(put)")
        let lines = put.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("pcmd: skipped \(dir.path)/bad-\\xff\\xfe-utf8.txt: the name is not valid UTF-8") && $0.contains(" — rename it") },
                "\(put)")
        #expect(lines.contains { $0.hasPrefix("pcmd: skipped \(dir.path)/back\\slash.txt: pCloud refuses a backslash") }, "\(put)")
        #expect(lines.last == "pcmd: done with 2 skipped", "\(put)")
        let folder = "\(remote)/\(dir.lastPathComponent)"
        #expect(try await home.run(["ls", folder]).stdout == "good.txt\n")

        let compare = try await home.run(["compare", dir.path, folder])
        #expect(compare.status == 1, "\(compare)")
        #expect(compare.stdout.hasPrefix("- only-local back\\slash.txt\n- only-local bad-\\xff\\xfe-utf8.txt\n"), "\(compare)")

        let json = try await home.run(["put", dir.path, remote, "--skip-existing", "--json"])
        #expect(json.status == 6, "\(json)")
        let skips = try json.jsonLines().filter { $0["action"] as? String == "skip" }
        #expect(skips.compactMap { $0["path"] as? String }.sorted() == ["\(dir.path)/back\\slash.txt", "\(dir.path)/bad-\\xff\\xfe-utf8.txt"],
                "\(json)")
    }

    @Test func aNameThatIsNotUTF8OnTheCommandLineNamesItsFile() async throws {
        let home = try await ConfigHome.signedIn()
        let remote = try await home.makeRemoteFolder("argv")
        let dir = try home.makeLocalFolder("argv")
        let copies = try home.makeLocalFolder("copies")
        create(dir, Array("bad-".utf8) + [0xFF, 0xFE] + Array("-utf8.txt".utf8))
        // bash's $'…' passes the bytes ff fe as they are.
        let put = try await shell(home, #""$PCMD" put "$1"/$'bad-\xff\xfe-utf8.txt' "$2""#, [dir.path, remote])
        #expect(put.status == 6, "\(put)")
        #expect(put.stderr.contains("skipped \(dir.path)/bad-\\xff\\xfe-utf8.txt: the name is not valid UTF-8"), "\(put)")
        let cp = try await shell(home, #""$PCMD" cp "$1"/$'bad-\xff\xfe-utf8.txt' "$2" && ls -b "$2""#, [dir.path, copies.path])
        #expect(cp.status == 0, "\(cp)")
        #expect(cp.stdout.hasSuffix("bad-\\377\\376-utf8.txt\n"), "ls -b shows the bytes in octal: \(cp)")
    }
}
