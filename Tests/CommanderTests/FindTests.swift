import Foundation
@testable import Commander
import Testing

/// Name patterns, query filters, the cloud index and the local walk.
@Suite struct FindTests {
    let queue = JobQueue()

    @Test func patternsAreGlobsOrSubstringsWithoutCaseInUnicode() throws {
        #expect(try NamePattern("*.JPG").matches("holiday.jpg"))
        #expect(try NamePattern("IMG_??.*").matches("img_01.png"))
        #expect(try !NamePattern("*.txt").matches("a.txt.bak"))
        #expect(try NamePattern("report").matches("Q3 REPORT final.pdf"))
        #expect(try !NamePattern("report", caseSensitive: true).matches("Q3 REPORT.pdf"))
        // Case folding beyond ASCII, and a decomposed name (as macOS writes them) found by a composed pattern.
        #expect(try NamePattern("äpfel").matches("ÄPFEL.txt"))
        #expect(try NamePattern("café").matches("Cafe\u{301} menu.pdf"))
        // `?` takes one character, however many bytes it is.
        #expect(try NamePattern("写?.txt").matches("写真.txt"))
        #expect(try NamePattern("🎉?").matches("🎉🎈"))
        #expect(try NamePattern("[a-c]*.md").matches("beta.md"))
        #expect(try !NamePattern("[!a-c]*.md").matches("beta.md"))
        #expect(try NamePattern("[]x]").matches("]"))
        #expect(try NamePattern("*a*b*c").matches("xxaxxbxxc"))
        #expect(try !NamePattern("*a*b*c").matches("xxaxxcxxb"))
        let bad = #expect(throws: CommanderError.self) { try NamePattern("photo[12") }
        #expect(bad?.kind == .invalidInput && bad?.message.contains("]") == true)
    }

    @Test func queryFiltersParseAndApply() throws {
        let now = Date(timeIntervalSince1970: 2_000_000_000)
        let q = try FindQuery(pattern: "", category: "image", larger: "1k", smaller: "1M", newer: "7d", older: "2033-05-18", now: now)
        var e = Entry(name: "a.jpg", kind: .file, size: 4096, modified: now.addingTimeInterval(-86_400), path: "/a.jpg")
        #expect(q.accepts(e))
        e.size = 100
        #expect(!q.accepts(e))
        e.size = 4096; e.modified = now.addingTimeInterval(-8 * 86_400)
        #expect(!q.accepts(e))
        e.modified = now; e.name = "a.txt"
        #expect(!q.accepts(e))
        // A folder has no kind or size: a filter on either leaves folders out.
        let folder = Entry(name: "photos", kind: .folder, size: 0, modified: now, path: "/photos")
        #expect(try FindQuery(pattern: "pho").accepts(folder))
        #expect(try !FindQuery(pattern: "pho", category: "image").accepts(folder))
        for (field, value) in [("larger", "ten"), ("newer", "yesterday"), ("kind", "spreadsheet")] {
            let error = #expect(throws: CommanderError.self) {
                try FindQuery(pattern: "x", category: field == "kind" ? value : nil, larger: field == "larger" ? value : nil,
                              newer: field == "newer" ? value : nil)
            }
            #expect(error?.kind == .invalidInput && error?.message.contains(value) == true)
        }
    }

    @Test func cloudIndexFindsWithoutRequestsAndFollowsChanges() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud()
        let top = try await drive.testFolder("find")
        let path = try #require(top.path)
        try write(work.appendingPathComponent("A/x.jpg"), 2000, seed: 1)
        try write(work.appendingPathComponent("A/B/Report 2026.pdf"), 300, seed: 2)
        try write(work.appendingPathComponent("C/report.txt"), 50, seed: 3)
        try write(work.appendingPathComponent("C/D/E/deep-report.md"), 10, seed: 4)
        try write(work.appendingPathComponent("top report.txt"), 10, seed: 5)
        for name in ["A", "C", "top report.txt"] {
            try await queue.perform(.copy([Item(local, path: work.path + "/" + name)], into: Item(drive, top.ref)))
        }

        // The feed that keeps the index current runs from before the index is built (the
        // TUI starts it with the app): a feed started later cannot vouch for what came before.
        let feed = Task { for try await _ in drive.changes() {} }
        defer { feed.cancel() }
        while await !drive.index.isFollowing { try await Task.sleep(for: .milliseconds(10)) }
        let found = try await drive.find(try FindQuery(pattern: "report"), under: path)
        #expect(Set(found.map(\.path!)) == [path + "/A/B/Report 2026.pdf", path + "/C/report.txt",
                                            path + "/C/D/E/deep-report.md", path + "/top report.txt"])
        #expect(found.allSatisfy { $0.fileid != nil })
        // One listing of the folder, one recursive listing per subfolder (A and C).
        let built = try #require(await drive.index.stats)
        #expect(built.requests == 3 && built.entries == 10)

        // A second find, in a subfolder and by kind: no request at all (but the feed's `diff`).
        func requests() -> Int { drive.client.requestCount() - drive.client.requestCount("diff") }
        let before = requests()
        let images = try await drive.find(try FindQuery(pattern: "*", category: "image"), under: path + "/A")
        #expect(images.map(\.path) == [path + "/A/x.jpg"])
        #expect(try await drive.find(try FindQuery(pattern: "report"), under: path + "/C").count == 2)
        #expect(requests() == before)

        // Changes made elsewhere reach the index through the diff feed.
        let other = try await Env.cloud()
        let c = try #require(try await child(other, top.ref, "C"))
        let renamed = try await other.rename(c.ref, to: "Archive")
        let b = try #require(try await child(other, .path(path + "/A"), "B"))
        try await other.delete(b.ref, permanent: false)
        try write(work.appendingPathComponent("new report.txt"), 20, seed: 6)
        try await queue.perform(.copy([Item(local, path: work.path + "/new report.txt")], into: Item(other, renamed.ref)))

        let expected: Set<String> = [path + "/Archive/report.txt", path + "/Archive/D/E/deep-report.md",
                                     path + "/Archive/new report.txt", path + "/top report.txt"]
        var now: Set<String> = []
        for _ in 0..<100 {
            now = Set(try await drive.find(try FindQuery(pattern: "REPORT"), under: path).map(\.path!))
            if now == expected { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(now == expected)
        #expect(await drive.index.stats?.builds == built.builds)

        // With the feed gone nothing vouches for the index: the next find lists again.
        feed.cancel()
        while await drive.index.isFollowing { try await Task.sleep(for: .milliseconds(10)) }
        #expect(Set(try await drive.find(try FindQuery(pattern: "REPORT"), under: path).map(\.path!)) == expected)
        #expect(await drive.index.stats?.builds == built.builds + 1)
    }

    @Test func localSearchWalksAndSkipsWhatItCannotRead() async throws {
        let (local, work) = Env.local()
        try write(work.appendingPathComponent("a/report.txt"), 10)
        try write(work.appendingPathComponent("a/b/REPORT.pdf"), 10)
        try write(work.appendingPathComponent("c/other.txt"), 10)
        try write(work.appendingPathComponent("locked/report-secret.txt"), 10)
        let locked = work.appendingPathComponent("locked").path
        chmod(locked, 0)
        defer { chmod(locked, 0o755) }
        var found: [String] = [], skipped: [String] = []
        for try await batch in LocalSearch.run(try FindQuery(pattern: "report"), in: work.path, drive: local) {
            found += batch.found.map(\.path!)
            skipped += batch.skipped.map(\.path)
        }
        var expected: Set<String> = [work.path + "/a/report.txt", work.path + "/a/b/REPORT.pdf"]
        if getuid() == 0 {
            expected.insert(locked + "/report-secret.txt")  // root reads it anyway
        } else {
            #expect(skipped == [locked])
        }
        #expect(Set(found) == expected)
    }
}
