import Commander
import Foundation
import Testing
@testable import TUI

extension E2ETests {
    /// `=` then F5 in the real binary: a thorough compare marks the difference, F5 sends exactly
    /// it (the differing file after the conflict question) and nothing else.
    @Test func compareThenF5CopiesTheDifference() async throws {
        let cloud = try await Env.cloud()
        let folder = try await cloud.testFolder("e2e-cmp", files: ["b-cloud.txt": "only cloud", "c-both.txt": "version 2",
                                                                   "same.txt": "same"])
        let r = try await Self.launch(cloudPath: "/\(folder.name)",
                                      local: ["a-local.txt": "only local", "c-both.txt": "version 1", "same.txt": "same"])
        let t = r.tmux
        #expect(await t.waitFor("a-local.txt").ok)
        #expect(await t.wait { Self.cloudPane($0).contains("b-cloud.txt") }.ok)
        try t.keys("=")
        #expect(await t.waitFor("Thorough: content (checksums)").ok)
        try t.keys("Down", "Enter")
        let compared = await t.waitFor("1 only in Local, 1 only in SANDBOX, 1 differ, 1 identical")
        #expect(compared.ok, "\(compared.screen)")
        #expect(compared.screen.contains("*a-local.txt") && compared.screen.contains("*b-cloud.txt")
                && !compared.screen.contains("*same.txt"), "\(compared.screen)")
        try t.keys("F5")
        #expect(await t.waitFor("Copy the difference: 2 items from Local").ok)
        try t.keys("Enter")
        #expect(await t.waitFor("Already exists").ok)
        try t.keys("o")
        let done = await t.waitFor("copy the difference (2 items): done")
        #expect(done.ok, "\(done.screen)")
        let names = try await cloud.list(folder.ref).map(\.name).sorted()
        #expect(names == ["a-local.txt", "b-cloud.txt", "c-both.txt", "same.txt"])
        #expect(String(decoding: try await cloud.text(.path("/\(folder.name)/c-both.txt")), as: UTF8.self) == "version 1")
        // Nothing came the other way: the cloud-only file is not on disk.
        #expect(!FileManager.default.fileExists(atPath: r.local.appendingPathComponent("b-cloud.txt").path))
        try t.keys("F10")
        #expect(try #require(await t.exitReport()).contains("exit=0"))
    }
}
