import Foundation
@testable import Commander
import PCloudAPI
import Testing

/// Compare of a local and a cloud folder: quick (size, time) against thorough (content),
/// recursive, sending the difference, and the bad inputs.
@Suite struct CompareTests {
    let queue = JobQueue()

    /// A whole-second time in the past, so an upload's truncated mtime equals the local one.
    static let time = Date(timeIntervalSince1970: 1_700_000_000)

    /// `data` at `url` with modified time `time`.
    func put(_ url: URL, _ data: Data, time: Date = Self.time) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        try FileManager.default.setAttributes([.modificationDate: time], ofItemAtPath: url.path)
    }

    /// Uploads `data` as `name` into the cloud folder with modified time `time`.
    func upload(_ drive: CloudDrive, _ data: Data, as name: String, into folder: Entry, time: Date = Self.time) async throws {
        let tmp = Env.scratch().appendingPathComponent(name)
        try put(tmp, data, time: time)
        _ = try await drive.client.upload(tmp, to: folder.folderid!, name: name,
                                          options: UploadOptions(mtime: Int64(time.timeIntervalSince1970)))
    }

    func compare(_ a: Item, _ b: Item, _ options: CompareOptions) async throws -> (Comparison, JobSnapshot) {
        let done = try await queue.perform(.compare(a, b, options))
        guard case .comparison(let c)? = done[0].result else { throw CommanderError(.local, "no comparison") }
        #expect(done[0].kind == .compare)
        return (c, done[0])
    }

    func statuses(_ c: Comparison) -> [String: String] {
        Dictionary(uniqueKeysWithValues: c.items.map { ($0.path, $0.status.rawValue + ($0.reason.map { ":" + $0.rawValue } ?? "")) })
    }

    /// Found by the file manager's fuzz (HostileWalkTests): a recursive compare of /tmp asked
    /// every folder whether any path lay below it, 330,000 paths by 330,000, and ran on for good.
    @Test(.timeLimit(.minutes(1))) func matchingAHugeTreeLooksAtEachPathOnce() {
        let n = 100_000
        func entry(_ name: String, _ kind: Entry.Kind) -> Entry { Entry(name: name, kind: kind, size: 0, modified: Self.time, path: nil) }
        var left: [String: Entry] = [:], right: [String: Entry] = [:]
        for i in 0..<n {
            left["d\(i)"] = entry("d\(i)", .folder)
            left["d\(i)/sub/f.txt"] = entry("f.txt", .file)
            // An empty folder on one side stands for itself.
            right["e\(i)"] = entry("e\(i)", .folder)
        }
        let items = FolderCompare.match(left, right, mode: .quick)
        let onlyLeft = items.filter { $0.status == .onlyLeft }, onlyRight = items.filter { $0.status == .onlyRight }
        #expect(items.count == 2 * n && onlyLeft.count == n && onlyRight.count == n)
        #expect(onlyLeft.allSatisfy { $0.path.hasSuffix("/sub/f.txt") } && onlyRight.allSatisfy { !$0.path.contains("/") })
    }

    @Test func quickTrustsSizeAndTimeThoroughReadsContent() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud()
        let folder = try await drive.testFolder("cmp")
        try put(work.appendingPathComponent("a.txt"), Data("only here".utf8))
        try put(work.appendingPathComponent("same.txt"), bytes(70_000, seed: 1))
        try put(work.appendingPathComponent("c.txt"), Data("content one".utf8))
        try put(work.appendingPathComponent("size.txt"), Data("short".utf8))
        try put(work.appendingPathComponent("time.txt"), Data("timed".utf8), time: Self.time.addingTimeInterval(3600))
        try await upload(drive, Data("only there".utf8), as: "b.txt", into: folder)
        try await upload(drive, bytes(70_000, seed: 1), as: "same.txt", into: folder)
        try await upload(drive, Data("content two".utf8), as: "c.txt", into: folder)
        try await upload(drive, Data("longer one".utf8), as: "size.txt", into: folder)
        try await upload(drive, Data("timed".utf8), as: "time.txt", into: folder)
        let l = Item(local, path: work.path), r = Item(drive, folder.ref)

        let (quick, _) = try await compare(l, r, CompareOptions(mode: .quick))
        #expect(statuses(quick) == ["a.txt": "onlyLeft", "b.txt": "onlyRight", "c.txt": "identical", "same.txt": "identical",
                                    "size.txt": "differs:size", "time.txt": "differs:mtime"])

        let (thorough, snap) = try await compare(l, r, CompareOptions(mode: .thorough))
        #expect(statuses(thorough) == ["a.txt": "onlyLeft", "b.txt": "onlyRight", "c.txt": "differs:content",
                                       "same.txt": "identical", "size.txt": "differs:size", "time.txt": "identical"])
        // Checksums only for the files whose sizes match: c, same, time; their local bytes hashed.
        #expect(snap.filesTotal == 3 && snap.filesDone == 3)
        #expect(snap.bytesTotal == 70_000 + 11 + 5 && snap.bytesDone == snap.bytesTotal)
        #expect(thorough.marked(on: .left) == ["a.txt", "c.txt", "size.txt"])
        #expect(thorough.marked(on: .right) == ["b.txt", "c.txt", "size.txt"])
        #expect(thorough.count(.differs) == 2 && !thorough.isIdentical)

        // Nothing changed on either side.
        #expect(try String(contentsOf: work.appendingPathComponent("c.txt"), encoding: .utf8) == "content one")
        #expect(try await drive.list(folder.ref).count == 5)
    }

    @Test func recursiveFindsDeepDifferencesAndSendingThemBothWaysMakesTheFoldersEqual() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud()
        let folder = try await drive.testFolder("cmpr")
        let sub = try await drive.mkdir("sub", in: folder.ref)
        let deep = try await drive.mkdir("deep", in: sub.ref)
        _ = try await drive.mkdir("emptycloud", in: folder.ref)
        try put(work.appendingPathComponent("top.txt"), Data("top".utf8))
        try put(work.appendingPathComponent("sub/x.txt"), Data("x".utf8))
        try put(work.appendingPathComponent("sub/only.txt"), Data("only local".utf8))
        try put(work.appendingPathComponent("sub/deep/d.txt"), Data("local d".utf8))
        try put(work.appendingPathComponent("newdir/n.txt"), Data("new".utf8))
        try FileManager.default.createSymbolicLink(atPath: work.appendingPathComponent("link").path, withDestinationPath: "/etc")
        try await upload(drive, Data("top".utf8), as: "top.txt", into: folder)
        try await upload(drive, Data("x".utf8), as: "x.txt", into: sub)
        try await upload(drive, Data("cloud d".utf8), as: "d.txt", into: deep)
        try await upload(drive, Data("cloud only".utf8), as: "cloudonly.txt", into: sub)
        let l = Item(local, path: work.path), r = Item(drive, folder.ref)

        let (flat, _) = try await compare(l, r, CompareOptions(mode: .thorough))
        #expect(statuses(flat) == ["top.txt": "identical", "newdir": "onlyLeft", "emptycloud": "onlyRight"])

        let (c, _) = try await compare(l, r, CompareOptions(mode: .thorough, recursive: true))
        #expect(statuses(c) == ["top.txt": "identical", "sub/x.txt": "identical", "sub/only.txt": "onlyLeft",
                                "sub/deep/d.txt": "differs:content", "newdir/n.txt": "onlyLeft",
                                "sub/cloudonly.txt": "onlyRight", "emptycloud": "onlyRight"])
        #expect(c.skipped.map(\.path) == ["link"])
        #expect(c.marked(on: .left) == ["sub", "newdir"])
        #expect(c.marked(on: .right) == ["sub", "emptycloud"])
        // A send from the left within the marked "sub" takes only sub's differences.
        #expect(c.toSend(from: .left, within: ["sub"]).map(\.path) == ["sub/deep/d.txt", "sub/only.txt"])

        // Local → cloud, replacing the differing file as the resolver says.
        try await queue.perform(.sendDifference(c.toSend(from: .left), from: l, side: .left, into: r),
                                resolver: FixedResolver(.overwrite))
        let (after, _) = try await compare(l, r, CompareOptions(mode: .thorough, recursive: true))
        #expect(after.differences.map(\.path) == ["emptycloud", "sub/cloudonly.txt"])
        #expect(after.count(.onlyRight) == 2)

        // Cloud → local: the folder and file missing here.
        try await queue.perform(.sendDifference(after.toSend(from: .right), from: r, side: .right, into: l))
        let (same, _) = try await compare(l, r, CompareOptions(mode: .thorough, recursive: true))
        #expect(same.isIdentical, "\(same.differences)")
        #expect(try String(contentsOf: work.appendingPathComponent("sub/cloudonly.txt"), encoding: .utf8) == "cloud only")
    }

    @Test func aDifferingFileIsKeptWhenTheUserSkips() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud()
        let folder = try await drive.testFolder("cmps")
        try put(work.appendingPathComponent("c.txt"), Data("mine".utf8))
        try await upload(drive, Data("them".utf8), as: "c.txt", into: folder)
        let l = Item(local, path: work.path), r = Item(drive, folder.ref)
        let (c, _) = try await compare(l, r, CompareOptions(mode: .thorough))
        #expect(c.differences.map(\.reason) == [.content])
        try await queue.perform(.sendDifference(c.toSend(from: .left), from: l, side: .left, into: r), resolver: FixedResolver(.skip))
        let file = try #require(try await child(drive, folder.ref, "c.txt"))
        #expect(try await drive.checksum(file.ref) == sha1(Data("them".utf8)))
    }

    @Test func anyTwoFoldersCompareLocalWithLocalAndCloudWithCloud() async throws {
        let (local, work) = Env.local()
        try put(work.appendingPathComponent("one/a.txt"), Data("same".utf8))
        try put(work.appendingPathComponent("one/c.txt"), Data("left".utf8))
        try put(work.appendingPathComponent("two/a.txt"), Data("same".utf8))
        try put(work.appendingPathComponent("two/c.txt"), Data("righ".utf8))
        let one = Item(local, path: work.path + "/one"), two = Item(local, path: work.path + "/two")
        #expect(statuses(try await compare(one, two, CompareOptions(mode: .quick)).0) == ["a.txt": "identical", "c.txt": "identical"])
        #expect(statuses(try await compare(one, two, CompareOptions(mode: .thorough)).0) == ["a.txt": "identical", "c.txt": "differs:content"])

        // The same two folders in the cloud: checksumfile on both sides.
        let drive = try await Env.cloud()
        let top = try await drive.testFolder("cmpcc")
        try await queue.perform(.copy([one, two], into: Item(drive, top.ref)))
        let a = Item(drive, .path(top.path! + "/one")), b = Item(drive, .path(top.path! + "/two"))
        #expect(statuses(try await compare(a, b, CompareOptions(mode: .thorough)).0) == ["a.txt": "identical", "c.txt": "differs:content"])
    }

    @Test func aFolderWithItselfIsRefused() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud()
        let folder = try await drive.testFolder("cmpself")
        await #expect(throws: CommanderError.self) {
            try await queue.perform(.compare(Item(drive, folder.ref), Item(drive, .path(folder.path!)), CompareOptions()))
        }
        do {
            try await queue.perform(.compare(Item(local, path: work.path), Item(local, path: work.path + "/."), CompareOptions()))
            Issue.record("compared a folder with itself")
        } catch let e as CommanderError {
            #expect(e.kind == .unsupported && e.message.contains("same folder"), "\(e)")
        }
        // A file is not a folder to compare.
        try put(work.appendingPathComponent("f.txt"), Data("f".utf8))
        await #expect(throws: CommanderError.self) {
            try await queue.perform(.compare(Item(local, path: work.path + "/f.txt"), Item(drive, folder.ref), CompareOptions()))
        }
    }

    @Test func aThoroughCompareCanBeCancelled() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud(distant: true)  // every call 30 ms: the checksums take a while
        let folder = try await drive.testFolder("cmpc")
        for i in 0..<40 { try put(work.appendingPathComponent("f\(i).txt"), Data("file \(i + 10)".utf8)) }
        let files = (0..<40).map { Item(local, path: work.appendingPathComponent("f\($0).txt").path) }
        try await queue.perform(.copy(files, into: Item(drive, folder.ref)))
        let ids = try await queue.submit(.compare(Item(local, path: work.path), Item(drive, folder.ref), CompareOptions(mode: .thorough)))
        let deadline = ContinuousClock.now + .seconds(20)
        while (await queue.snapshot(ids[0])?.filesDone ?? 0) < 1, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(await queue.snapshot(ids[0])?.filesTotal == 40)
        await queue.cancel(ids[0])
        let s = await queue.wait(ids[0])
        #expect(s.state == .cancelled && s.result == nil, "\(s)")
        #expect(s.filesDone < 40)
    }

    @Test(.enabled(if: getuid() != 0, "root reads every folder"))
    func anUnreadableSubfolderIsSkippedNotFatal() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud()
        let folder = try await drive.testFolder("cmpu")
        try put(work.appendingPathComponent("locked/a.txt"), Data("a".utf8))
        chmod(work.appendingPathComponent("locked").path, 0)
        defer { chmod(work.appendingPathComponent("locked").path, 0o755) }
        let (c, _) = try await compare(Item(local, path: work.path), Item(drive, folder.ref), CompareOptions(recursive: true))
        #expect(c.skipped.map(\.path) == ["locked"])
        #expect(c.items.isEmpty, "a folder not looked at is not reported as only-local: \(c.items)")
    }
}
