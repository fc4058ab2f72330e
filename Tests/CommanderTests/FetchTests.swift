import Foundation
@testable import Commander
import SourceServer
import Testing

/// `.fetch`: pCloud (the sandbox) downloads URLs from a web server the test starts.
@Suite struct FetchTests {
    static let source = Task { try await SourceServer.start() }

    @Test func progressAdvancesPerURLAndTheBytesArrive() async throws {
        let drive = try await Env.cloud(), web = try await Self.source.value
        let top = try await drive.testFolder("fetch")
        let size = 3 << 20
        // The source stops at 1 MiB and at 2 MiB until the job has been seen there: two figures
        // part-way on a machine however loaded (a throttled source alone let a busy run's polls
        // see one).
        let gate = "fetch-\(UUID().uuidString)"
        let slow = web.url("/bytes/slow.bin?size=\(size)&seed=11&gate=\(gate)&holdat=\(1 << 20),\(2 << 20)")
        let small = web.url("/bytes/small.txt?size=1000&seed=12")
        let q = JobQueue()
        let stream = await q.updates()
        let id = try await q.submit(.fetch([slow, small], into: Item(drive, top.ref), names: [nil, "renamed.txt"]))[0]
        var seen: [JobSnapshot] = []
        var opened = 0
        for await s in stream where s.id == id {
            seen.append(s)
            if s.state.isFinished { break }
            // Each hold is opened once the job reports the bytes sent up to it.
            if opened < 2, s.bytesDone >= Int64((opened + 1) << 20) { opened += 1; web.open(gate) }
        }
        let last = try #require(seen.last)
        #expect(last.state == .done, "\(String(describing: last.error))")
        #expect(last.kind == .fetch && last.filesDone == 2)
        #expect(last.bytesDone == Int64(size + 1000) && last.bytesTotal == Int64(size + 1000))
        let running = seen.filter { $0.state == .running }
        let totals = running.map(\.bytesDone)
        #expect(Set(totals.filter { $0 > 0 && $0 < Int64(size) }).count >= 2, "bytes should advance: \(totals)")
        #expect(totals == totals.sorted())
        // Bytes per URL: the slow one seen part-way with its size known, the other waiting.
        let partWay = running.compactMap { $0.parts.first }.filter { $0.state == .working && $0.bytesDone > 0 && $0.bytesDone < Int64(size) }
        #expect(!partWay.isEmpty && partWay.allSatisfy { $0.name == "slow.bin" && $0.bytesTotal == Int64(size) })
        #expect(running.contains { $0.parts.count == 2 && $0.parts[1].state == .waiting && $0.parts[1].name == "renamed.txt" })
        #expect(last.parts.map(\.state) == [.done, .done])

        guard case .entries(let made)? = last.result else { Issue.record("no entries"); return }
        #expect(made.map(\.name) == ["slow.bin", "renamed.txt"])
        #expect(try await drive.checksum(made[0].ref) == sha1(SourceServer.content(size: size, seed: 11)))
        #expect(try await drive.list(top.ref).map(\.name).sorted() == ["renamed.txt", "slow.bin"])
    }

    @Test func aTakenNameIsAskedAbout() async throws {
        let drive = try await Env.cloud(), web = try await Self.source.value
        let top = try await drive.testFolder("fetch-conflict")
        let url = web.url("/bytes/same.bin?size=10&seed=1")
        try await JobQueue().perform(.fetch([url], into: Item(drive, top.ref), names: []))
        let skipped = try await JobQueue().perform(.fetch([url], into: Item(drive, top.ref), names: []),
                                                   resolver: FixedResolver(.skip))
        #expect(skipped.first?.result == .entries([]))
        try await JobQueue().perform(.fetch([url], into: Item(drive, top.ref), names: []), resolver: FixedResolver(.keepBoth))
        #expect(try await drive.list(top.ref).map(\.name).sorted() == ["same (1).bin", "same.bin"])
    }

    /// One URL given a name is called by that name, as its row in the panel is.
    @Test func aNamedURLsJobIsCalledByTheName() async throws {
        let drive = try await Env.cloud(), web = try await Self.source.value
        let top = try await drive.testFolder("fetch-title")
        let q = JobQueue()
        let id = try await q.submit(.fetch([web.url("/gone/x31m")], into: Item(drive, top.ref), names: ["wanted.iso"]))[0]
        let s = await q.wait(id)
        #expect(s.title.hasPrefix("Fetch wanted.iso into "), "\(s.title)")
    }

    @Test func aMissingSourceFailsAtOnceAndLeavesNothing() async throws {
        let drive = try await Env.cloud(), web = try await Self.source.value
        let top = try await drive.testFolder("fetch-404")
        let q = JobQueue()
        let missing = web.url("/gone/nothing.bin")
        let id = try await q.submit(.fetch([missing], into: Item(drive, top.ref), names: []))[0]
        let s = await q.wait(id)
        #expect(s.state == .failed && s.attempt == 1)
        #expect(s.error?.code == 5001 && s.error?.isTransient == false)
        #expect(s.error?.message.contains(missing) == true)
        #expect(s.parts.map(\.state) == [.failed])
        #expect(try await drive.list(top.ref).isEmpty)
    }

    @Test func onlyWebURLsAndOnlyIntoTheCloud() async throws {
        let drive = try await Env.cloud()
        let (local, work) = Env.local()
        let q = JobQueue()
        await #expect(throws: CommanderError.self) { try await q.submit(.fetch(["ftp://x/y"], into: Item(drive, .cloudRoot), names: [])) }
        await #expect(throws: CommanderError.self) { try await q.submit(.fetch([], into: Item(drive, .cloudRoot), names: [])) }
        await #expect(throws: CommanderError.self) {
            try await q.submit(.fetch(["http://127.0.0.1/x"], into: Item(local, path: work.path), names: []))
        }
        #expect(FetchURL.name(of: "https://example.com/a/b%20c.tar.gz?x=1") == "b c.tar.gz")
        #expect(FetchURL.name(of: "https://example.com/") == "example.com")
    }

    @Test func cancelStopsTheJob() async throws {
        let drive = try await Env.cloud(), web = try await Self.source.value
        let top = try await drive.testFolder("fetch-cancel")
        let q = JobQueue()
        let stream = await q.updates()
        let url = web.url("/bytes/crawl.bin?size=\(1 << 20)&chunk=16384&delayms=20")
        let id = try await q.submit(.fetch([url], into: Item(drive, top.ref), names: []))[0]
        for await s in stream where s.id == id && s.bytesDone > 0 { break }
        await q.cancel(id)
        let s = await q.wait(id)
        #expect(s.state == .cancelled && s.error == nil)
        // The server cannot be stopped (see FetchJob): while it goes on, the folder never holds a
        // half file, only nothing or the whole one.
        var whole = false
        for _ in 0..<60 where !whole {
            let sizes = try await drive.list(top.ref).map(\.size)
            #expect(sizes.isEmpty || sizes == [Int64(1 << 20)], "a partial file: \(sizes)")
            whole = !sizes.isEmpty
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
