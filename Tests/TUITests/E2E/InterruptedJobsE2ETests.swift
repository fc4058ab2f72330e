@testable import Commander
import Foundation
import Testing

/// Jobs that outlive the process, in the real binary: a transfer an earlier run did not finish
/// is said on the status line at start and offered in the jobs panel; a paused one stays
/// paused across a restart and runs when resumed there.
@Suite(.serialized) struct InterruptedJobsE2ETests {
    /// pcmd on the shared sandbox through `PCMD_TOKEN`, with its state (job store) and config under `home`.
    static func launch(_ home: URL, local: URL, cloudPath: String = "/") async throws -> Tmux {
        let info = try await Env.shared.value.info
        return try Tmux(["--local", local.path, "--cloud-path", cloudPath],
                        env: ["PCMD_TOKEN": info.users[0].token, "PCMD_API": info.httpsURL!, "PCMD_CA_FILE": info.caPath!,
                              "XDG_STATE_HOME": home.appendingPathComponent("state").path,
                              "XDG_DATA_HOME": home.appendingPathComponent("data").path,
                              "XDG_CONFIG_HOME": home.appendingPathComponent("config").path],
                        dir: local)
    }

    static func store(_ home: URL) throws -> JobStore {
        try JobStore(at: home.appendingPathComponent("state/pcmd/jobs.sqlite"))
    }

    @Test func theStatusLineSaysHowManyTransfersAreInterrupted() async throws {
        let local = try Env.scratch(), home = try Env.scratch()
        let store = try Self.store(home)
        let action = StoredAction.copy(.init(side: .cloud(profile: nil), ref: .file(1), name: "/big.bin"),
                                       into: .init(side: .local, ref: .path(local.path), name: nil), name: nil, move: false)
        for title in ["Download /big.bin", "Download /other.bin"] {
            _ = try store.insert(StoredJob(id: nil, title: title, kind: .download, action: action, state: .running,
                                           queuedAt: Date(), updatedAt: Date()))
        }
        let t = try await Self.launch(home, local: local)
        let shown = await t.waitFor("2 interrupted transfers")
        #expect(shown.ok && shown.screen.contains("J jobs panel, s resumes, d drops"), "\(shown.screen)")
        try t.keys("F10")
        _ = await t.exitReport()
    }

    /// Run 1 copies a file to the cloud under `[transfers] bwlimit`, pauses it in the panel and
    /// quits. Run 2 says one interrupted (an earlier download) and one paused transfer, lists both
    /// in the panel, lifts the limit there, and resumes each: both files arrive whole.
    @Test func aPausedJobSurvivesARestartAndTheInterruptedOneResumesFromThePanel() async throws {
        let cloud = try await Env.cloud()
        let folder = try await cloud.testFolder("e2e-jobs", files: ["far.txt": "from far away"])
        let far = try #require(try await cloud.list(folder.ref).first { $0.name == "far.txt" })
        let home = try Env.scratch(["config/pcmd/config.toml": "[transfers]\nbwlimit = \"128k\"\n"])
        let local = try Env.scratch(["big.bin": String(repeating: "0123456789abcdef", count: 1 << 17)])
        let down = try Env.scratch()
        let store = try Self.store(home)
        let earlier = try store.insert(StoredJob(
            id: nil, title: "Download far.txt", kind: .download,
            action: .copy(.init(side: .cloud(profile: nil), ref: .file(far.fileid!), name: "far.txt"),
                          into: .init(side: .local, ref: .path(down.path), name: nil), name: nil, move: false),
            state: .running, queuedAt: Date(), updatedAt: Date()))

        let first = try await Self.launch(home, local: local, cloudPath: "/\(folder.name)")
        #expect(await first.waitFor("1 interrupted transfer from an earlier run").ok)
        try first.keys("F5")
        #expect(await first.waitFor("Copy “big.bin”").ok)
        try first.keys("Enter")
        // The summary line above the status line while it runs.
        let running = await first.waitFor("Copy big.bin to pCloud")
        #expect(running.ok, "\(running.screen)")
        try first.keys("J")
        let panel = await first.waitFor("Jobs (limit 128 KiB/s)")
        #expect(panel.ok, "\(panel.screen)")
        try first.keys("p")
        let paused = await first.wait { $0.contains(" paused ") }
        #expect(paused.ok, "\(paused.screen)")
        #expect(try store.unfinished().contains { $0.state == .paused && $0.kind == .upload })
        try first.keys("J", "F10")
        #expect(try #require(await first.exitReport()).contains("exit=0"), "paused is not running: quitting asks nothing")
        #expect(try store.unfinished().map(\.stateName).sorted() == ["interrupted", "paused"])

        let second = try await Self.launch(home, local: local, cloudPath: "/\(folder.name)")
        let notice = await second.waitFor("1 interrupted and 1 paused transfers from an earlier run")
        #expect(notice.ok, "\(notice.screen)")
        try second.keys("J")
        let listed = await second.wait { $0.contains(" interrupted ") && $0.contains(" paused ") }
        #expect(listed.ok, "\(listed.screen)")
        #expect(try store.unfinished().first { $0.kind == .upload }?.state == .paused, "not run until asked")
        try second.keys("b", "C-u")
        try second.type("off")
        try second.keys("Enter")
        #expect(await second.waitFor("bandwidth limit: off").ok)
        // The cursor starts on the newest: the paused upload; then up to the interrupted download.
        try second.keys("s")
        try second.keys("Up", "s")
        let done = await second.wait(timeout: 60) { s in s.split(separator: "\n").filter { $0.contains(" done ") }.count == 2 }
        #expect(done.ok, "\(done.screen)")
        #expect(try String(contentsOf: down.appendingPathComponent("far.txt"), encoding: .utf8) == "from far away")
        let big = try await cloud.list(folder.ref).first { $0.name == "big.bin" }
        #expect(big?.size == 2 << 20, "\(String(describing: big))")
        #expect(try store.unfinished().isEmpty && store.job(earlier.id!)?.state == .done)
        try second.keys("J", "F10")
        _ = await second.exitReport()
    }
}
