import Foundation
import Testing

/// A transfer that fails still says what its job noted and left out, before the error that
/// ends it: those lines are what explain the failure.
@Suite struct FailureNotesTests {
    /// A folder put whose one big file the server cuts on every try (pcmd gives up) and whose
    /// other file pCloud would refuse by name: the "sent again" note and the skipped file come
    /// first, each marked, and the error is the last line.
    @Test func aFailedPutSaysItsNotesAndSkippedFilesBeforeTheError() async throws {
        let sandbox = try await SandboxProcess(faults: "bandwidth=16MiB/s,drop-after=1MiB:1")
        let home = sandbox.home()
        defer { try? FileManager.default.removeItem(at: home.root) }
        let folder = try home.makeLocalFolder("tree")
        let big = folder.appendingPathComponent("big.bin")
        try ResumeTransferTests.write(big, size: 3 << 20)
        try Data("x".utf8).write(to: folder.appendingPathComponent(#"back\slash.txt"#))

        let put = try await home.run(["put", folder.path, "pc:/"])
        #expect(put.status != 0, "\(put)")
        let lines = put.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("pcmd: note: \(big.path): the connection was lost during the upload") },
                "\(put)")
        #expect(lines.contains("pcmd: skipped \(folder.path)/back\\slash.txt: pCloud refuses a backslash in a name "
                               + "— rename it without the \\"), "\(put)")
        // Cut once bytes flowed: lost, not a wrong scheme; the job stays to be resumed.
        #expect(lines.last?.hasSuffix("was lost mid-transfer — pcmd jobs resume continues it where it stopped") == true,
                "the error stays last: \(put)")
        #expect(!put.stderr.contains("scheme"), "\(put)")
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("pcmd: note: ") || $0.hasPrefix("pcmd: skipped ") },
                "nothing else before the error: \(put)")
        #expect(!put.stderr.contains("done with"), "a failed job is not done: \(put)")
    }
}
