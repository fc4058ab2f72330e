import Foundation
import Testing

/// Issue 20's proof: a 200 MiB upload and download, cut at about half by `kill -9` of pcmd or
/// of the sandbox, finish with `pcmd jobs resume` (or pcmd's own retries, when the sandbox came
/// back in time) with their content intact, and what the sandbox moved after the cut is at most
/// 60% of the file (its `/_sandbox/traffic` counts). The sandbox's `bandwidth` fault keeps the
/// transfer slow enough that "half" is reliable. Serialized: each moves 200 MiB through two processes.
@Suite(.serialized) struct ResumeTransferTests {
    static let size = 200 << 20
    /// About 5 s per 200 MiB: well before the end at half, quick enough for CI.
    static let slow = "bandwidth=40MiB/s"

    /// Where a transfer is cut at half.
    enum Cut: String, CaseIterable, CustomStringConvertible {
        case pcmdKilled = "pcmd killed", sandboxRestarted = "sandbox restarted"
        /// The sandbox stays down until pcmd gives up: the job is left to `jobs resume`.
        case sandboxDown = "sandbox down until pcmd gave up"
        var description: String { rawValue }
    }

    @Test(arguments: Cut.allCases) func aPutCutHalfwayContinuesItsUploadSession(_ cut: Cut) async throws {
        let sandbox = try await SandboxProcess(faults: Self.slow)
        let home = sandbox.home()
        defer { try? FileManager.default.removeItem(at: home.root) }
        let source = try Self.bigFile(in: home)
        let resent = try await Self.transfer(["put", source.path, "pc:/"], moving: "upload_write", cut, sandbox, home)
        try await Self.expectStored(source, in: sandbox, resent: resent, "upload, \(cut)")
    }

    @Test(arguments: Cut.allCases) func aGetCutHalfwayContinuesItsPart(_ cut: Cut) async throws {
        let (sandbox, home, source, down) = try await Self.uploaded()
        defer { try? FileManager.default.removeItem(at: home.root) }
        let name = source.lastPathComponent
        let resent = try await Self.transfer(["get", "pc:/\(name)", down.path], moving: "download", cut, sandbox, home)
        try await Self.expectSame(source, down.appendingPathComponent(name), resent: resent, "download, \(cut)")
    }

    /// A put cut at half whose upload session the server then lost: `jobs resume` says so and
    /// sends the file again from its start.
    @Test func aLostUploadSessionIsSaidAndTheFileSentAgain() async throws {
        let sandbox = try await SandboxProcess(faults: Self.slow)
        let home = sandbox.home()
        defer { try? FileManager.default.removeItem(at: home.root) }
        let size = 80 << 20
        let source = try Self.bigFile(in: home, size: size)
        let put = try home.spawn(["put", source.path, "pc:/"])
        try await Self.waitUntil(sandbox, moved: "upload_write", Int64(size / 2), by: put)
        kill(put.process.processIdentifier, SIGKILL)
        _ = try await put.finish()
        let sessions = sandbox.uploadSessions
        #expect(sessions.count == 1)
        for id in sessions { #expect(try await sandbox.call("upload_delete", "uploadid=\(id)")["result"] as? Int == 0) }
        let before = try await sandbox.settledTraffic("upload_write")
        let resume = try await home.run(["jobs", "resume"])
        #expect(resume.status == 0, "\(resume)")
        #expect(resume.stderr.contains("the upload session of the earlier run is gone (error 2067"), "\(resume)")
        #expect(resume.stderr.contains("sent again from the start"), "\(resume)")
        let sent = try await sandbox.traffic()["upload_write", default: 0] - before
        #expect(sent >= Int64(size) && sent <= Int64(size) * 11 / 10, "sent \(sent) of \(size) after the session was lost")
        let sha1 = try await Self.run("/usr/bin/sha1sum", [source.path]).split(separator: " ").first.map(String.init) ?? ""
        _ = try await Self.run("/usr/bin/cmp", [source.path, sandbox.blob(sha1: sha1).path])
    }

    /// A plain put (under 64 MiB: no upload session) cut by the server: pcmd's own retry sends
    /// it again whole and says so; the server kept nothing of the cut try (`nopartial`).
    @Test func aPlainPutCutByTheServerSaysItIsSentAgainWhole() async throws {
        let sandbox = try await SandboxProcess(faults: "bandwidth=4MiB/s,drop-after=2MiB:1")
        let home = sandbox.home()
        defer { try? FileManager.default.removeItem(at: home.root) }
        let size = 6 << 20
        let source = try Self.bigFile(in: home, size: size)
        let put = try home.spawn(["put", source.path, "pc:/"])
        try await Self.waitUntil(sandbox, moved: "upload", 1 << 20, by: put)
        // The first try drew its drop when its bytes began; the retry draws none.
        try await sandbox.setFaults("bandwidth=4MiB/s")
        let out = try await put.finish()
        #expect(out.status == 0, "\(out)")
        #expect(out.stderr.contains("\(source.path): the connection was lost during the upload"), "\(out)")
        #expect(out.stderr.contains("nothing partial was kept and it is sent again from its first byte"), "\(out)")
        let sent = try await sandbox.settledTraffic("upload")
        #expect(sent >= Int64(size) + (2 << 20), "the cut try's bytes and the whole file: \(sent)")
        let listed = try await sandbox.call("listfolder", "folderid=0")
        let names = ((listed["metadata"] as? [String: Any])?["contents"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names == [source.lastPathComponent], "one file, nothing partial beside it: \(names)")
        let sha1 = try await Self.run("/usr/bin/sha1sum", [source.path]).split(separator: " ").first.map(String.init) ?? ""
        _ = try await Self.run("/usr/bin/cmp", [source.path, sandbox.blob(sha1: sha1).path])
    }

    /// A folder put cut at about half: what arrived is not sent again, the rest is, and the
    /// folder then matches by SHA-1 (`pcmd compare --checksum`).
    @Test func aFolderPutKilledHalfwaySendsOnlyWhatDidNotArrive() async throws {
        let sandbox = try await SandboxProcess(faults: "bandwidth=8MiB/s")
        let home = sandbox.home()
        defer { try? FileManager.default.removeItem(at: home.root) }
        // Just over 1 MiB each: sent one by one (smaller ones would travel in batches).
        let one = (1 << 20) + 4096, count = 48
        let folder = try home.makeLocalFolder("tree")
        for i in 0..<count { try Self.write(folder.appendingPathComponent("f\(i).bin"), size: one, from: i * 7919) }
        let put = try home.spawn(["put", folder.path, "pc:/"])
        // Past half: files in flight (four at a time) are lost at the cut and sent again.
        try await Self.waitUntil(sandbox, moved: "upload", Int64(one * count * 55 / 100), by: put)
        kill(put.process.processIdentifier, SIGKILL)
        _ = try await put.finish()
        let before = try await sandbox.settledTraffic("upload")
        let resume = try await home.run(["jobs", "resume"])
        #expect(resume.status == 0, "\(resume)")
        let resent = try await sandbox.traffic()["upload", default: 0] - before
        let fraction = Double(resent) / Double(one * count)
        print("resume figure — folder of \(count) files, pcmd killed at \(before * 100 / Int64(one * count))%: \(Int((fraction * 100).rounded()))% sent again")
        #expect(resent > 0 && fraction <= 0.6, "\(resent) bytes of \(one * count) sent again")
        let compare = try await home.run(["compare", folder.path, "pc:/\(folder.lastPathComponent)", "--checksum"])
        #expect(compare.status == 0, "\(compare)")
    }

    /// A folder put killed just after one file arrived, before the job wrote that down (its
    /// journal writes at most once a second): `jobs resume` finds that file there whole and
    /// counts it, so the history line shows the whole job's bytes and files, not only the
    /// resumed run's (it showed the other file's alone, the first as a conflict skipped).
    @Test func aResumedFolderPutCountsWhatArrivedBefore() async throws {
        let sandbox = try await SandboxProcess(faults: "bandwidth=4MiB/s")
        let home = sandbox.home()
        defer { try? FileManager.default.removeItem(at: home.root) }
        let small = (1 << 20) + 4096, big = 12 << 20
        let folder = try home.makeLocalFolder("tree")
        try Self.write(folder.appendingPathComponent("a.bin"), size: small)
        try Self.write(folder.appendingPathComponent("b.bin"), size: big, from: 7919)
        let put = try home.spawn(["put", folder.path, "pc:/"])
        try await Self.waitUntil(sandbox, lists: "/\(folder.lastPathComponent)/a.bin", by: put)
        kill(put.process.processIdentifier, SIGKILL)
        _ = try await put.finish()

        let resume = try await home.run(["jobs", "resume"])
        #expect(resume.status == 0, "\(resume)")
        let job = try #require(try await home.run(["jobs", "ls", "--json"]).jsonLines().first)
        #expect(job["state"] as? String == "done", "\(job)")
        #expect(job["bytesDone"] as? Int == small + big && job["bytesTotal"] as? Int == small + big, "\(job)")
        #expect(job["filesDone"] as? Int == 2 && job["filesTotal"] as? Int == 2, "\(job)")
        let ls = try await home.run(["jobs", "ls"])
        #expect(ls.stdout.contains("done  13.0 MiB/13.0 MiB  Copy \(folder.path)"), "\(ls)")
    }

    /// A put cut off, whose source then changed: `jobs resume` says so and leaves it.
    @Test func aChangedSourceIsReportedNotResumed() async throws {
        let sandbox = try await SandboxProcess(faults: "bandwidth=4MiB/s")
        let home = sandbox.home()
        defer { try? FileManager.default.removeItem(at: home.root) }
        let source = try Self.bigFile(in: home, size: 16 << 20)
        let put = try home.spawn(["put", source.path, "pc:/"])
        try await Self.waitUntil(sandbox, moved: "upload", 2 << 20, by: put)
        kill(put.process.processIdentifier, SIGKILL)
        _ = try await put.finish()
        let h = try FileHandle(forWritingTo: source)
        try h.seekToEnd()
        try h.write(contentsOf: Data("edited".utf8))
        try h.close()

        let resume = try await home.run(["jobs", "resume"])
        #expect(resume.status == 6, "done with a file skipped: \(resume)")
        #expect(resume.stderr.contains("skipped \(source.path): changed since the job began"), "\(resume)")
        #expect(resume.stderr.contains("not resumed") && resume.stderr.contains("\((16 << 20) + 6) bytes"), "\(resume)")
        let ls = try await home.run(["ls", "pc:/"])
        #expect(ls.status == 0 && !ls.stdout.contains(source.lastPathComponent), "nothing was sent: \(ls)")
    }

    // MARK: Helpers

    /// A sandbox holding a fresh 200 MiB file (put at full speed), now slowed; and a folder to get into.
    static func uploaded() async throws -> (SandboxProcess, ConfigHome, URL, URL) {
        let sandbox = try await SandboxProcess(faults: "")
        let home = sandbox.home()
        let source = try bigFile(in: home)
        let put = try await home.run(["put", source.path, "pc:/"])
        #expect(put.status == 0, "\(put)")
        try await sandbox.setFaults(slow)
        return (sandbox, home, source, try home.makeLocalFolder("down"))
    }

    /// A file of `size` (200 MiB unless told) in a folder of its own.
    static func bigFile(in home: ConfigHome, size: Int = size) throws -> URL {
        let url = try home.makeLocalFolder("src").appendingPathComponent("big-\(UUID().uuidString.prefix(8)).bin")
        try write(url, size: size)
        return url
    }

    /// Random bytes made once, with a prime length, so content put at a wrong offset shows.
    static let block = Data((0..<1_000_003).map { _ in UInt8.random(in: 0...255) })

    /// `size` bytes of `block` repeated, starting `from` into it (files of one test differ).
    static func write(_ url: URL, size: Int, from start: Int = 0) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let h = try FileHandle(forWritingTo: url)
        defer { try? h.close() }
        var left = size, at = start % block.count
        while left > 0 {
            let piece = block[at..<min(block.count, at + left)]
            try h.write(contentsOf: piece)
            left -= piece.count
            at = 0
        }
    }

    /// Runs `pcmd args`, cuts it at half, finishes it; returns the bytes of `what` moved after the cut.
    static func transfer(_ args: [String], moving what: String, _ cut: Cut, _ sandbox: SandboxProcess,
                         _ home: ConfigHome) async throws -> Int64 {
        // The kill waits on a poll of the sandbox, which a loaded test process can make late (a
        // whole 40 MiB/s upload once went by before it): this cut runs at a quarter of that.
        if cut == .pcmdKilled { try await sandbox.setFaults("bandwidth=10MiB/s") }
        let p = try home.spawn(args)
        try await waitUntil(sandbox, moved: what, Int64(size / 2), by: p)
        switch cut {
        case .pcmdKilled:
            kill(p.process.processIdentifier, SIGKILL)
            _ = try await p.finish()
            let before = try await sandbox.settledTraffic(what)
            try await sandbox.setFaults(slow)
            print("resume figure — cut at \(before * 100 / Int64(size))% of the file")
            let resume = try await home.run(["jobs", "resume"])
            #expect(resume.status == 0, "\(resume)")
            return try await sandbox.traffic()[what, default: 0] - before
        case .sandboxRestarted:
            // The restarted sandbox counts from zero: all it moves comes after the cut.
            try await sandbox.restart(faults: slow)
            try await finishOrResume(p.finish(), home)
            return try await sandbox.traffic()[what, default: 0]
        case .sandboxDown:
            sandbox.kill()
            let out = try await p.finish()
            #expect(out.status != 0, "\(out)")
            try await sandbox.restart(faults: slow)
            try await finishOrResume(out, home)
            return try await sandbox.traffic()[what, default: 0]
        }
    }

    /// Waits until the sandbox has moved `bytes` for `what` while `p` still runs.
    static func waitUntil(_ sandbox: SandboxProcess, moved what: String, _ bytes: Int64, by p: Spawned) async throws {
        for _ in 0..<3000 {
            if try await sandbox.traffic()[what, default: 0] >= bytes { return }
            guard p.process.isRunning else { throw HarnessError("pcmd ended before half: \(p.stdout)\(p.stderr)") }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw HarnessError("the transfer did not reach half")
    }

    /// Waits until the sandbox has the file at `path` while `p` still runs.
    static func waitUntil(_ sandbox: SandboxProcess, lists path: String, by p: Spawned) async throws {
        let query = "path=" + (path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? path)
        for _ in 0..<3000 {
            if try await sandbox.call("stat", query)["result"] as? Int == 0 { return }
            guard p.process.isRunning else { throw HarnessError("pcmd ended before \(path) arrived: \(p.stdout)\(p.stderr)") }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw HarnessError("\(path) did not arrive")
    }

    /// The command cut by the sandbox's restart either finished by its own retries, or was left
    /// interrupted and `pcmd jobs resume` finishes it.
    static func finishOrResume(_ out: Outcome, _ home: ConfigHome) async throws {
        guard out.status != 0 else { return print("resume figure — finished by pcmd's own retries") }
        let ls = try await home.run(["jobs", "ls", "--json"])
        #expect(try ls.jsonLines().contains { $0["state"] as? String == "interrupted" }, "a lost connection leaves the job to resume: \(ls)")
        let resume = try await home.run(["jobs", "resume"])
        #expect(resume.status == 0, "\(out)\n\(resume)")
    }

    /// The upload's bytes are in the sandbox's store under their SHA-1, and little was sent twice.
    static func expectStored(_ source: URL, in sandbox: SandboxProcess, resent: Int64, _ what: String) async throws {
        let sha1 = try await run("/usr/bin/sha1sum", [source.path]).split(separator: " ").first.map(String.init) ?? ""
        try await expectSame(source, sandbox.blob(sha1: sha1), resent: resent, what)
    }

    static func expectSame(_ a: URL, _ b: URL, resent: Int64, _ what: String) async throws {
        #expect(FileManager.default.fileExists(atPath: b.path), "\(what): \(b.path) is there")
        _ = try await run("/usr/bin/cmp", [a.path, b.path])
        let fraction = Double(resent) / Double(size)
        print("resume figure — \(what): \(resent) bytes moved after the cut, \(Int((fraction * 100).rounded()))% of the file")
        #expect(resent > 0 && fraction <= 0.6, "\(what): \(resent) bytes of \(size) moved again")
    }

    /// Runs a tool; its stdout, or an error when it fails (cmp: the files differ).
    static func run(_ tool: String, _ args: [String]) async throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        let status: Int32 = await withCheckedContinuation { done in
            p.terminationHandler = { done.resume(returning: $0.terminationStatus) }
            do { try p.run() } catch { p.terminationHandler = nil; done.resume(returning: -1) }
        }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard status == 0 else { throw HarnessError("\(tool) \(args.joined(separator: " ")) exited \(status): \(text)") }
        return text
    }
}
