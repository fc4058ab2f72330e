import Foundation
import Testing

/// `pcmd jobs pause` and `resume` reach a `pcmd get` running in another process through the job
/// store; `--bwlimit` holds that get's bytes under its rate.
@Suite struct JobsPauseCommandTests {
    func size(_ url: URL) -> Int { (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0 }

    @Test func pauseAndResumeReachAGetInAnotherProcessThatKeepsUnderItsBwlimit() async throws {
        let home = try await ConfigHome.signedIn()
        let name = "paced-\(UUID().uuidString.prefix(8)).bin"
        let data = Data((0..<(6 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 11) })
        try data.write(to: home.root.appendingPathComponent(name))
        let put = try await home.run(["put", home.root.appendingPathComponent(name).path, "pc:/"])
        #expect(put.status == 0, "\(put)")
        let down = home.root.appendingPathComponent("down")
        try FileManager.default.createDirectory(at: down, withIntermediateDirectories: true)
        let part = down.appendingPathComponent(".\(name).pcmd-part")

        let rate = 512 << 10
        let get = try home.spawn(["get", "--bwlimit", "512k", "pc:/\(name)", down.path])
        var id: Int?
        for _ in 0..<600 where id == nil {
            if size(part) > 0 {
                let ls = try await home.run(["jobs", "ls", "--json"])
                id = try ls.jsonLines().first { $0["state"] as? String == "running" && ($0["title"] as? String)?.contains(name) == true }?["id"] as? Int
            }
            if id == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        let job = try #require(id, "the get's job is listed as running")
        // Bytes over a measured span stay under the rate plus a buffer or two (never a duration asserted).
        let start = ContinuousClock.now, before = size(part)
        try await Task.sleep(for: .seconds(1))
        let moved = size(part) - before, span = Double((ContinuousClock.now - start) / .milliseconds(1)) / 1000
        #expect(Double(moved) <= Double(rate) * span + Double(rate / 2), "\(moved) bytes in \(span) s at 512 KiB/s")

        let pause = try await home.run(["jobs", "pause", "\(job)"])
        #expect(pause.status == 0 && pause.stdout.contains("paused \(job) in process \(get.process.processIdentifier)"), "\(pause)")
        let ls = try await home.run(["jobs", "ls", "--json"]).jsonLines()
        #expect(ls.first { $0["id"] as? Int == job }?["state"] as? String == "paused", "\(ls)")
        try await Task.sleep(for: .milliseconds(500))
        let held = size(part)
        try await Task.sleep(for: .seconds(1))
        #expect(size(part) == held && held > 0 && held < data.count, "a paused get writes nothing: \(held) then \(size(part))")
        let again = try await home.run(["jobs", "pause", "\(job)"])
        #expect(again.status == 0 && again.stdout.contains("\(job) is already paused"), "\(again)")
        let busy = try await home.run(["jobs", "drop", "\(job)"])
        #expect(busy.status != 0 && busy.stderr.contains("held paused"), "another process's paused job is not dropped: \(busy)")

        let resume = try await home.run(["jobs", "resume", "\(job)"])
        #expect(resume.status == 0 && resume.stdout.contains("resumed \(job) in process"), "\(resume)")
        let out = try await get.finish(timeout: .seconds(180))
        #expect(out.status == 0, "\(out)")
        #expect(try Data(contentsOf: down.appendingPathComponent(name)) == data)
        let bad = try await home.run(["get", "--bwlimit", "fast", "pc:/\(name)", down.path])
        #expect(bad.status == 2 && bad.stderr.contains("--bwlimit fast is not a rate"), "\(bad)")
    }
}
