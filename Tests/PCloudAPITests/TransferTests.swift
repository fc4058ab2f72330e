import Crypto
import Foundation
import NIOConcurrencyHelpers
@testable import PCloudAPI
import Testing

@Suite struct TransferTests {
    func sha1(_ bytes: [UInt8]) -> String { PasswordDigest.hex(Insecure.SHA1.hash(data: bytes)) }

    @Test func streamedUploadVerifiesSha1AndReportsProgress() async throws {
        let c = try await Env.client()
        let top = try await c.testFolder("upload")
        let local = Env.scratch().appendingPathComponent("big.bin")
        let bytes = try writeFile(local, bytes: 5 << 20 | 123)
        let seen = NIOLockedValueBox<[Int64]>([])
        let r = try await c.uploadFile(local, to: top, options: UploadOptions(mtime: 1_500_000_000)) { done, total in
            #expect(total == Int64(bytes.count))
            seen.withLockedValue { $0.append(done) }
        }
        #expect(r.metadata.size == Int64(bytes.count))
        #expect(r.metadata.modified == 1_500_000_000)
        #expect(r.checksums?.sha1 == sha1(bytes))
        let steps = seen.withLockedValue { $0 }
        #expect(steps.last == Int64(bytes.count))
        #expect(steps == steps.sorted())

        // Overwrite keeps the fileid; renameifexists stores a second file.
        let again = try await c.uploadFile(local, to: top)
        #expect(again.metadata.fileid == r.metadata.fileid)
        let renamed = try await c.uploadFile(local, to: top, options: UploadOptions(renameifexists: true))
        #expect(renamed.metadata.fileid != r.metadata.fileid && renamed.metadata.name != "big.bin")

        // The same upload as an async sequence.
        var finished: UploadResult?
        for try await event in c.uploadFileEvents(local, to: top, name: "events.bin") {
            if case .finished(let result) = event { finished = result }
        }
        #expect(finished?.metadata.name == "events.bin")
        _ = try await c.deleteFolderRecursive(top)
    }

    @Test func batchUploadSendsManyFilesInOneRequest() async throws {
        let c = try await Env.client()
        let top = try await c.testFolder("batch")
        let dir = Env.scratch()
        var files: [(URL, String)] = []
        var hashes: [String] = []
        for i in 0..<40 {
            let url = dir.appendingPathComponent("f\(i)")
            hashes.append(sha1(try writeFile(url, bytes: 4096 + i, seed: UInt8(i))))
            files.append((url, "small \(i) \"q\".txt"))
        }
        let empty = dir.appendingPathComponent("empty")
        try Data().write(to: empty)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_500_000_000)], ofItemAtPath: empty.path)
        files.append((empty, "empty.txt"))
        hashes.append(sha1([]))
        let results = try await c.uploadBatch(files, to: top)
        #expect(results.count == files.count)
        #expect(results.map { $0.checksums?.sha1 ?? "" } == hashes)
        #expect(results[3].metadata.name == "small 3 \"q\".txt")
        let listing = try await c.listFolder(top)
        #expect(listing.contents?.count == files.count)

        // An empty file alone goes as multipart too (a zero-length PUT fails on pCloud).
        let single = try await c.uploadFile(empty, to: top, name: "empty2.txt")
        #expect(single.metadata.size == 0)
        #expect(single.metadata.modified == 1_500_000_000)
        #expect(results.last?.metadata.modified == 1_500_000_000)
        _ = try await c.deleteFolderRecursive(top)
    }

    /// A multipart filename cannot carry `"` or a line break (they go as %22, %0A, which a server
    /// need not decode), and an empty file cannot go by PUT: such a file still gets its own name.
    @Test func anEmptyFileKeepsAQuoteOrALineBreakInItsName() async throws {
        let c = try await Env.client()
        let top = try await c.testFolder("empty-quoted")
        let dir = Env.scratch()
        let empty = dir.appendingPathComponent("empty"), full = dir.appendingPathComponent("full")
        try Data().write(to: empty)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_500_000_000)], ofItemAtPath: empty.path)
        _ = try writeFile(full, bytes: 100)
        let alone = try await c.uploadFile(empty, to: top, name: "say \"hi\".txt")
        #expect(alone.metadata.name == "say \"hi\".txt" && alone.metadata.size == 0 && alone.metadata.modified == 1_500_000_000)
        let batch = try await c.uploadBatch([(empty, "line\nbreak.txt"), (full, "plain.txt"), (empty, "cr\r.txt")], to: top)
        #expect(batch.map(\.metadata.name) == ["line\nbreak.txt", "plain.txt", "cr\r.txt"])
        // Again over the same name: replaced, nothing else left in the folder.
        let again = try await c.uploadFile(empty, to: top, name: "say \"hi\".txt")
        #expect(again.metadata.name == "say \"hi\".txt")
        let names = try await c.listFolder(top).contents?.map(\.name).sorted()
        #expect(names == ["cr\r.txt", "line\nbreak.txt", "plain.txt", "say \"hi\".txt"])
        _ = try await c.deleteFolderRecursive(top)
    }

    @Test func batchUploadKeepsEachFilesMtimeWithOneRequestPerSharedSecond() async throws {
        let c = try await Env.client()
        let top = try await c.testFolder("batch-mtime")
        let dir = Env.scratch()
        var files: [(URL, String)] = []
        var want: [Int64] = []
        func add(_ name: String, _ seconds: Double, size: Int = 512) throws {
            let url = dir.appendingPathComponent("f\(files.count)")
            _ = try writeFile(url, bytes: size, seed: UInt8(files.count))
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: seconds)], ofItemAtPath: url.path)
            files.append((url, name)); want.append(Int64(seconds))
        }
        // Interleaved: two shared seconds, two lone ones, an empty file in a shared second.
        try add("a1", 1_600_000_000.2); try add("b1", 1_650_000_000); try add("lone1", 1_610_000_000)
        try add("a2", 1_600_000_000.7); try add("b2", 1_650_000_000); try add("a-empty", 1_600_000_000, size: 0)
        try add("lone2", 1_620_000_000)
        let sent = c.requestCount("uploadfile")
        let results = try await c.uploadBatch(files, to: top)
        #expect(c.requestCount("uploadfile") - sent == 4)
        #expect(results.map(\.metadata.name) == files.map(\.1))
        #expect(results.map(\.metadata.modified) == want)
        let listed = try await c.listFolder(top).contents ?? []
        #expect(Dictionary(uniqueKeysWithValues: listed.map { ($0.name, $0.modified) })
                == Dictionary(uniqueKeysWithValues: zip(files.map(\.1), want).map { ($0, $1) }))

        // A caller's mtime applies to the whole batch in one request.
        let again = c.requestCount("uploadfile")
        let set = try await c.uploadBatch(files.map { ($0.0, "set-" + $0.1) }, to: top, options: UploadOptions(mtime: 1_400_000_000))
        #expect(c.requestCount("uploadfile") - again == 1)
        #expect(set.allSatisfy { $0.metadata.modified == 1_400_000_000 })
        _ = try await c.deleteFolderRecursive(top)
    }

    @Test func downloadIsVerifiedSyncedAndRenamed() async throws {
        let c = try await Env.client()
        let top = try await c.testFolder("download")
        let dir = Env.scratch()
        let local = dir.appendingPathComponent("src.bin")
        let bytes = try writeFile(local, bytes: 3 << 20 | 77)
        let up = try await c.uploadFile(local, to: top)
        let fileid = try #require(up.metadata.fileid)

        let target = dir.appendingPathComponent("out.bin")
        let metadata = try await c.download(fileid: fileid, to: target)
        #expect(metadata.fileid == fileid)
        #expect(try Data(contentsOf: target) == Data(bytes))
        #expect(!FileManager.default.fileExists(atPath: PCloudClient.partialPath(for: target).path))

        // Resume: a partial file from a dropped connection is continued with Range.
        let resumed = dir.appendingPathComponent("resumed.bin")
        try Data(bytes[0..<1_000_000]).write(to: PCloudClient.partialPath(for: resumed))
        let progressStart = NIOLockedValueBox<Int64?>(nil)
        try await c.download(fileid: fileid, to: resumed) { done, _ in
            progressStart.withLockedValue { if $0 == nil { $0 = done } }
        }
        #expect(try Data(contentsOf: resumed) == Data(bytes))
        #expect((progressStart.withLockedValue { $0 } ?? 0) > 1_000_000)

        // A corrupt partial file is caught by the checksum and not renamed into place.
        let corrupt = dir.appendingPathComponent("corrupt.bin")
        var bad = bytes
        bad[10] ^= 0xFF
        try Data(bad[0..<2_000_000]).write(to: PCloudClient.partialPath(for: corrupt))
        do {
            try await c.download(fileid: fileid, to: corrupt)
            Issue.record("corrupt download accepted")
        } catch let e as PCloudError {
            #expect(e.kind == .integrity)
        }
        #expect(!FileManager.default.fileExists(atPath: corrupt.path))

        // Content links are built with the API's scheme (https) and the sandbox's host.
        let link = try await c.getFileLink(fileid)
        #expect(link.urls(scheme: "https").first?.scheme == "https")
        #expect(link.size == Int64(bytes.count))
        _ = try await c.deleteFolderRecursive(top)
    }

    @Test func uploadPicksThePathBySize() async throws {
        let c = try await Env.client()
        let top = try await c.testFolder("bysize")
        let threshold = PCloudClient.resumableThreshold
        for (name, size) in [("under.bin", threshold - 1), ("at.bin", threshold)] {
            // Sparse: the size costs no disk, the bytes are still read, sent and hashed.
            let local = Env.scratch().appendingPathComponent(name)
            #expect(FileManager.default.createFile(atPath: local.path, contents: nil))
            let handle = try FileHandle(forWritingTo: local)
            try handle.truncate(atOffset: UInt64(size))
            try handle.close()
            let (puts, sessions) = (c.requestCount("uploadfile"), c.requestCount("upload_create"))
            let result = try await c.upload(local, to: top)
            #expect(result.metadata.size == size)
            let viaSession = size >= threshold
            #expect(c.requestCount("uploadfile") - puts == (viaSession ? 0 : 1), "\(name)")
            #expect(c.requestCount("upload_create") - sessions == (viaSession ? 1 : 0), "\(name)")
            try FileManager.default.removeItem(at: local)
        }
        _ = try await c.deleteFolderRecursive(top)
    }

    @Test func resumableUploadSession() async throws {
        let c = try await Env.client()
        let top = try await c.testFolder("chunked")
        let local = Env.scratch().appendingPathComponent("chunked.bin")
        let bytes = try writeFile(local, bytes: 3 << 20 | 5)
        let seen = NIOLockedValueBox<[Int64]>([])
        let result = try await c.uploadResumable(local, to: top, options: UploadOptions(mtime: 1_400_000_000),
                                                 chunk: 1 << 20) { done, _ in seen.withLockedValue { $0.append(done) } }
        #expect(result.metadata.size == Int64(bytes.count))
        #expect(result.metadata.name == "chunked.bin" && result.metadata.modified == 1_400_000_000)
        #expect(result.checksums?.sha1 == sha1(bytes))
        #expect(result.checksums?.md5 != nil)
        #expect(seen.withLockedValue { $0.last } == Int64(bytes.count))
        #expect(try await c.checksumFile(result.metadata.fileid!).checksums.sha1 == sha1(bytes))

        // Resume point comes from upload_info; writing elsewhere is refused (append only, §3).
        let id = try await c.uploadCreate()
        let file = try LocalFile(reading: local.path)
        try await c.uploadWrite(id, file: file, offset: 0, length: 1000, progress: nil)
        let info = try await c.uploadInfo(id)
        #expect(info.size == 1000 && info.sha1 == sha1(Array(bytes[0..<1000])))
        await expectCode(2068) { try await c.uploadWrite(id, file: file, offset: 5000, length: 10, progress: nil) }
        await expectCode(2068) { try await c.uploadWrite(id, file: file, offset: 0, length: 10, progress: nil) }
        try await c.uploadWrite(id, file: file, offset: 1000, length: 24, progress: nil)
        let saved = try await c.uploadSave(id, to: top, name: "part.bin")
        #expect(saved.size == 1024)
        await expectCode(2067) { try await c.uploadInfo(id) }
        let other = try await c.uploadCreate()
        try await c.uploadDelete(other)
        await expectCode(2067) { try await c.uploadInfo(other) }

        // `upload` picks the path by size.
        let small = try await c.upload(local, to: top, name: "auto.bin")
        #expect(small.metadata.size == Int64(bytes.count))
        _ = try await c.deleteFolderRecursive(top)
    }

    /// A session saved by an earlier run is continued from what `upload_info` reports; one the
    /// server no longer knows is reported and the file sent whole; one holding other bytes fails
    /// the SHA-1 check and is deleted, so no bad bytes are kept.
    @Test func aSavedSessionIsContinuedReportedWhenGoneAndDroppedWhenItsBytesDiffer() async throws {
        let c = try await Env.client()
        let top = try await c.testFolder("saved-session")
        let local = Env.scratch().appendingPathComponent("saved.bin")
        let bytes = try writeFile(local, bytes: 3 << 20 | 77)
        let file = try LocalFile(reading: local.path)
        let id = try await c.uploadCreate()
        let half: Int64 = 2 << 20 | 5
        try await c.uploadWrite(id, file: file, offset: 0, length: half, progress: nil)
        let seen = NIOLockedValueBox<[Int64]>([])
        let lost = NIOLockedValueBox<[Int]>([])
        let continued = try await c.uploadResumable(local, to: top, chunk: 1 << 20,
                                                    progress: { done, _ in seen.withLockedValue { $0.append(done) } },
                                                    session: ResumableSession(uploadid: id, began: { _ in Issue.record("a new session") },
                                                                              lost: { e in lost.withLockedValue { $0.append(e.code) } }))
        #expect(continued.checksums?.sha1 == sha1(bytes))
        let first = seen.withLockedValue { $0.first }
        #expect(first == half, "it starts where the session stood")
        #expect(lost.withLockedValue { $0 }.isEmpty)

        let began = NIOLockedValueBox<Int?>(nil)
        let again = try await c.uploadResumable(local, to: top, name: "again.bin", chunk: 1 << 20,
                                                session: ResumableSession(uploadid: id, began: { n in began.withLockedValue { $0 = n } },
                                                                          lost: { e in lost.withLockedValue { $0.append(e.code) } }))
        #expect(lost.withLockedValue { $0 } == [2067], "the saved session is gone once saved")
        #expect(began.withLockedValue { $0 } != nil && again.checksums?.sha1 == sha1(bytes))

        let other = Env.scratch().appendingPathComponent("other.bin")
        _ = try writeFile(other, bytes: 1 << 20, seed: 9)
        let bad = try await c.uploadCreate()
        try await c.uploadWrite(bad, file: try LocalFile(reading: other.path), offset: 0, length: 1 << 20, progress: nil)
        await #expect(throws: PCloudError.self) {
            try await c.uploadResumable(local, to: top, name: "bad.bin", chunk: 1 << 20, session: ResumableSession(uploadid: bad))
        }
        await expectCode(2067) { try await c.uploadInfo(bad) }
        #expect(try await c.listFolder(top).contents?.contains { $0.name == "bad.bin" } == false)
        _ = try await c.deleteFolderRecursive(top)
    }

    /// A stored file whose SHA-1 differs from what was sent is not kept under its name.
    @Test func anUploadThatFailsItsChecksumIsDeleted() async throws {
        let c = try await Env.client()
        let top = try await c.testFolder("bad-sum")
        let local = Env.scratch().appendingPathComponent("sum.bin")
        let bytes = try writeFile(local, bytes: 4096)
        let stored = try await c.uploadFile(local, to: top)
        let fileid = try #require(stored.metadata.fileid)
        let wrong = Checksums(sha1: String(repeating: "0", count: 40), md5: nil, sha256: nil)
        await #expect(throws: PCloudError.self) {
            try await c.verified(stored, local: wrong, size: Int64(bytes.count), name: "sum.bin")
        }
        await expectCode(2009) { try await c.stat(fileid: fileid) }
        _ = try await c.deleteFolderRecursive(top)
    }

    @Test func uploadProgressPollsTheSameHost() async throws {
        let c = try await Env.client()
        let top = try await c.testFolder("progress")
        let local = Env.scratch().appendingPathComponent("p.bin")
        _ = try writeFile(local, bytes: 1 << 20)
        let hash = "pcmd-\(UUID().uuidString)"
        _ = try await c.uploadFile(local, to: top, options: UploadOptions(progresshash: hash))
        let poller = try await c.progressHost()
        let snapshot: UploadProgressSnapshot = try await poller.call("uploadprogress", ["progresshash": hash], idempotent: true)
        #expect(snapshot.finished)
        #expect(snapshot.total >= 1 << 20)
        _ = try await c.deleteFolderRecursive(top)
    }

    @Test func zipStreamsToAFile() async throws {
        let c = try await Env.client()
        let top = try await c.testFolder("zip")
        let local = Env.scratch().appendingPathComponent("z.txt")
        try Data("zip me".utf8).write(to: local)
        let up = try await c.uploadFile(local, to: top)
        let out = Env.scratch().appendingPathComponent("out.zip")
        let n = try await c.getZip(Tree(fileids: [up.metadata.fileid!]), to: out)
        let data = try Data(contentsOf: out)
        #expect(n == Int64(data.count) && data.prefix(2) == Data("PK".utf8))
        await expectCode(2009) { try await c.getZip(Tree(fileids: [999_999_999]), to: out) }
        _ = try await c.deleteFolderRecursive(top)
    }
}
