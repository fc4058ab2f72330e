import Foundation
import Testing

/// `pcmd jobs pause` and `resume` reach a `pcmd get` running in another process through the job
/// store; `--bwlimit` holds that get's bytes under its rate; a paused job whose process died
/// stays paused until resumed by its ID.
@Suite struct JobsPauseCommandTests {
    func size(_ url: URL) -> Int { (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0 }

    struct Running {
        let get: Spawned
        let job: Int
        let name: String
        let data: Data
        let down: URL
        var part: URL { down.appendingPathComponent(".\(name).pcmd-part") }
    }

    /// A 6 MiB file put on the sandbox, then a `pcmd get --bwlimit 512k` of it in another
    /// process, once its job is listed as running with bytes in its `.pcmd-part`.
    func runningGet(_ home: ConfigHome) async throws -> Running {
        let name = "paced-\(UUID().uuidString.prefix(8)).bin"
        let data = Data((0..<(6 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 11) })
        try data.write(to: home.root.appendingPathComponent(name))
        let put = try await home.run(["put", home.root.appendingPathComponent(name).path, "pc:/"])
        #expect(put.status == 0, "\(put)")
        let down = home.root.appendingPathComponent("down")
        try FileManager.default.createDirectory(at: down, withIntermediateDirectories: true)
        let get = try home.spawn(["get", "--bwlimit", "512k", "pc:/\(name)", down.path])
        let part = down.appendingPathComponent(".\(name).pcmd-part")
        for _ in 0..<600 {
            if size(part) > 0 {
                let ls = try await home.run(["jobs", "ls", "--json"])
                let row = try ls.jsonLines().first { $0["state"] as? String == "running" && ($0["title"] as? String)?.contains(name) == true }
                if let id = row?["id"] as? Int { return Running(get: get, job: id, name: name, data: data, down: down) }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try #require(nil as Running?, "the get's job was never listed as running")
    }

    func state(_ home: ConfigHome, _ job: Int) async throws -> String? {
        try await home.run(["jobs", "ls", "--json"]).jsonLines().first { $0["id"] as? Int == job }?["state"] as? String
    }

    @Test func pauseAndResumeReachAGetInAnotherProcessThatKeepsUnderItsBwlimit() async throws {
        let home = try await ConfigHome.signedIn()
        let r = try await runningGet(home)
        // Bytes over a measured span stay under the rate plus a buffer or two (never a duration asserted).
        let rate = 512 << 10
        let start = ContinuousClock.now, before = size(r.part)
        try await Task.sleep(for: .seconds(1))
        let moved = size(r.part) - before, span = Double((ContinuousClock.now - start) / .milliseconds(1)) / 1000
        #expect(Double(moved) <= Double(rate) * span + Double(rate / 2), "\(moved) bytes in \(span) s at 512 KiB/s")

        let pause = try await home.run(["jobs", "pause", "\(r.job)"])
        #expect(pause.status == 0 && pause.stdout.contains("paused \(r.job) in process \(r.get.process.processIdentifier)"), "\(pause)")
        #expect(try await state(home, r.job) == "paused")
        try await Task.sleep(for: .milliseconds(500))
        let held = size(r.part)
        try await Task.sleep(for: .seconds(1))
        #expect(size(r.part) == held && held > 0 && held < r.data.count, "a paused get writes nothing: \(held) then \(size(r.part))")
        let again = try await home.run(["jobs", "pause", "\(r.job)"])
        #expect(again.status == 0 && again.stdout.contains("\(r.job) is already paused"), "\(again)")
        let busy = try await home.run(["jobs", "drop", "\(r.job)"])
        #expect(busy.status != 0 && busy.stderr.contains("held paused"), "another process's paused job is not dropped: \(busy)")

        let resume = try await home.run(["jobs", "resume", "\(r.job)"])
        #expect(resume.status == 0 && resume.stdout.contains("resumed \(r.job) in process"), "\(resume)")
        let out = try await r.get.finish(timeout: .seconds(180))
        #expect(out.status == 0, "\(out)")
        #expect(try Data(contentsOf: r.down.appendingPathComponent(r.name)) == r.data)
        let bad = try await home.run(["get", "--bwlimit", "fast", "pc:/\(r.name)", r.down.path])
        #expect(bad.status == 2 && bad.stderr.contains("--bwlimit fast is not a rate"), "\(bad)")
    }

    /// Killed while paused, the job is paused, not interrupted: a plain `jobs resume` leaves it,
    /// `jobs resume ID` finishes it from its `.pcmd-part`.
    @Test func aPausedJobWhoseProcessDiedStaysPausedUntilResumedByID() async throws {
        let home = try await ConfigHome.signedIn()
        let r = try await runningGet(home)
        #expect(try await home.run(["jobs", "pause", "\(r.job)"]).status == 0)
        kill(r.get.process.processIdentifier, SIGKILL)
        _ = try await r.get.finish()
        #expect(try await state(home, r.job) == "paused")
        let held = size(r.part)
        let plain = try await home.run(["jobs", "resume"])
        #expect(plain.status == 0 && plain.stdout.contains("no interrupted jobs"), "\(plain)")
        #expect(size(r.part) == held && held > 0, "not resumed without its ID")
        let resume = try await home.run(["jobs", "resume", "\(r.job)"], timeout: .seconds(180))
        #expect(resume.status == 0 && resume.stdout.contains("resumed \(r.job): "), "\(resume)")
        #expect(try Data(contentsOf: r.down.appendingPathComponent(r.name)) == r.data)
        #expect(try await state(home, r.job) == "done")
    }
}
