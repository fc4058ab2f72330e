import Foundation
import Testing

/// A job store that cannot be made (the state folder is a file) is said in one line naming the
/// path and the system's reason, not Foundation's error dump.
@Suite struct JobStoreUnavailableTests {
    @Test func jobsSaysWhyItsStoreCannotBeOpenedInOneLine() async throws {
        let home = ConfigHome()
        let notAFolder = home.root.appendingPathComponent("state-is-a-file")
        try Data("x".utf8).write(to: notAFolder)
        let ls = try await home.run(["jobs", "ls"], env: ["XDG_STATE_HOME": notAFolder.path])
        #expect(ls.status == 1, "\(ls)")
        let lines = ls.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("pcmd: cannot open the job store: "), "\(ls)")
        #expect(ls.stderr.contains(notAFolder.path) && !ls.stderr.contains("Error Domain") && !ls.stderr.contains("UserInfo"), "\(ls)")
    }

    /// A transfer still runs without the store (a read-only home), and says it is not recorded,
    /// so nobody counts on `pcmd jobs resume` for it.
    @Test func aTransferWithoutItsStoreRunsAndSaysItIsNotRecorded() async throws {
        let home = try await ConfigHome.signedIn()
        let notAFolder = home.root.appendingPathComponent("state-is-a-file")
        try Data("x".utf8).write(to: notAFolder)
        let file = home.root.appendingPathComponent("unrecorded-\(UUID().uuidString.prefix(6)).txt")
        try Data("sent anyway".utf8).write(to: file)
        let put = try await home.run(["put", file.path, "pc:/"], env: ["XDG_STATE_HOME": notAFolder.path])
        #expect(put.status == 0, "\(put)")
        #expect(put.stderr.hasPrefix("pcmd: note: transfers are not recorded, so pcmd jobs cannot resume them: cannot open the job store: \(notAFolder.path)"),
                "\(put)")
        let ls = try await home.run(["ls", "pc:/"])
        #expect(ls.stdout.contains(file.lastPathComponent), "\(ls)")
        _ = try await home.run(["rm", "pc:/\(file.lastPathComponent)"])
    }
}
