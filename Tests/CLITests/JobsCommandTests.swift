import Foundation
import Testing

/// `pcmd jobs`: a `get` killed with SIGKILL halfway is listed as interrupted, resumes to the
/// same content, and a dropped job is forgotten.
@Suite struct JobsCommandTests {
    /// The lines of `pcmd jobs ls --json` (the `put` that set up the test is history too).
    func jobs(_ home: ConfigHome, _ state: String = "interrupted") async throws -> [[String: Any]] {
        let ls = try await home.run(["jobs", "ls", "--json"])
        #expect(ls.status == 0, "\(ls)")
        return try ls.jsonLines().filter { $0["state"] as? String == state && $0["kind"] as? String == "download" }
    }

    @Test func aKilledGetIsInterruptedThenResumedOrDropped() async throws {
        let home = try await ConfigHome.signedIn(slow: true)
        let tag = UUID().uuidString.prefix(8)
        let data = Data((0..<(24 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) })
        let names = ["keep-\(tag).bin", "drop-\(tag).bin"]
        for name in names { try data.write(to: home.root.appendingPathComponent(name)) }
        let put = try await home.run(["put"] + names.map { home.root.appendingPathComponent($0).path } + ["pc:/"])
        #expect(put.status == 0, "\(put)")
        let down = home.root.appendingPathComponent("down")
        try FileManager.default.createDirectory(at: down, withIntermediateDirectories: true)

        // Two jobs in one process, killed when the first has about a third of its bytes and
        // its row has been written with some progress.
        let get = try home.spawn(["get"] + names.map { "pc:/\($0)" } + [down.path])
        let part = down.appendingPathComponent(".\(names[0]).pcmd-part")
        var rows: [[String: Any]] = []
        for _ in 0..<600 {
            let size = (try? FileManager.default.attributesOfItem(atPath: part.path)[.size] as? Int) ?? 0
            if size >= data.count / 3 {
                rows = try await jobs(home, "running")
                if rows.count == 2, rows.allSatisfy({ ($0["bytesDone"] as? Int ?? 0) > 0 }) { break }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(rows.count == 2, "while pcmd get runs its jobs are running, not interrupted: \(rows)")
        let running = try #require(rows.first?["id"] as? Int)
        let busy = try await home.run(["jobs", "drop", "\(running)"])
        #expect(busy.status != 0 && busy.stderr.contains("still running"), "\(busy)")
        kill(get.process.processIdentifier, SIGKILL)
        _ = try await get.finish()
        rows = try await jobs(home)
        #expect(rows.count == 2 && rows.allSatisfy { $0["state"] as? String == "interrupted" }, "\(rows)")
        let first = try #require(rows.first { ($0["title"] as? String)?.contains(names[0]) == true })
        let second = try #require(rows.first { ($0["title"] as? String)?.contains(names[1]) == true })
        let done = try #require(first["bytesDone"] as? Int)
        #expect(done > 0 && done < data.count, "\(first)")
        #expect(FileManager.default.fileExists(atPath: part.path), "a killed download leaves its .pcmd-part")

        // Under another profile it is not resumed: an id there would name another file.
        let info = try await CLI.slow.value.info
        try FileManager.default.createDirectory(at: home.configDir, withIntermediateDirectories: true)
        try "[profiles.work]\napi = \"\(info.httpsURL!)\"\nca_file = \"\(info.caPath!)\"\nsandbox = true\n"
            .write(to: home.configFile, atomically: true, encoding: .utf8)
        try "[profiles.work]\noauth_token = \"\(info.users[0].token)\"\n".write(to: home.tokensFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: home.tokensFile.path)
        let elsewhere = try await home.run(["jobs", "resume", "--profile", "work"], env: ["PCMD_TOKEN": "", "PCMD_SANDBOX": ""])
        #expect(elsewhere.status != 0 && elsewhere.stderr.contains("belongs to the default profile"), "\(elsewhere)")
        #expect(try await jobs(home).count == 2)

        let drop = try await home.run(["jobs", "drop", "\(second["id"]!)"])
        #expect(drop.status == 0 && drop.stdout.contains("dropped"), "\(drop)")
        #expect(try await home.run(["jobs", "drop", "\(second["id"]!)"]).status != 0, "a dropped job is gone")

        let resume = try await home.run(["jobs", "resume"], timeout: .seconds(240))
        #expect(resume.status == 0, "\(resume)")
        #expect(try Data(contentsOf: down.appendingPathComponent(names[0])) == data)
        #expect(!FileManager.default.fileExists(atPath: part.path))
        #expect(!FileManager.default.fileExists(atPath: down.appendingPathComponent(names[1]).path), "the dropped job did not run")

        #expect(try await jobs(home).isEmpty)
        rows = try await jobs(home, "done")
        #expect(rows.count == 1 && rows[0]["id"] as? Int == first["id"] as? Int, "\(rows)")
        let again = try await home.run(["jobs", "resume"])
        #expect(again.status == 0 && again.stdout.contains("no interrupted jobs"), "\(again)")
        let table = try await home.run(["jobs"])
        #expect(table.stdout.contains("done") && table.stdout.contains(names[0]), "\(table)")
    }

    /// A get cut off, whose local target folder was then removed: `jobs resume` names that
    /// folder and what to do, not "cannot list …" with a hint to check the path with `pcmd ls`.
    @Test func aResumeWhoseLocalFolderIsGoneNamesIt() async throws {
        let sandbox = try await SandboxProcess(faults: "")
        let home = sandbox.home()
        defer { try? FileManager.default.removeItem(at: home.root) }
        let source = try ResumeTransferTests.bigFile(in: home, size: 8 << 20)
        #expect(try await home.run(["put", source.path, "pc:/"]).status == 0)
        // Slow, and cut early: a loaded machine's poll may come seconds late.
        try await sandbox.setFaults("bandwidth=1MiB/s")
        let down = try home.makeLocalFolder("down")
        let get = try home.spawn(["get", "pc:/\(source.lastPathComponent)", down.path])
        try await ResumeTransferTests.waitUntil(sandbox, moved: "download", 256 << 10, by: get)
        kill(get.process.processIdentifier, SIGKILL)
        _ = try await get.finish()
        try FileManager.default.removeItem(at: down)

        let resume = try await home.run(["jobs", "resume"])
        #expect(resume.status == 1, "\(resume)")
        #expect(resume.stderr.hasPrefix("pcmd: \(down.path), the folder job 2 copies into, is no longer on this computer — "
                                        + "make it again to resume the job, or drop it: pcmd jobs drop 2"), "\(resume)")
        #expect(!resume.stderr.contains("pcmd ls"), "\(resume)")
        #expect(try await jobs(home).count == 1, "the job stays to be resumed once the folder is back")
    }
}
