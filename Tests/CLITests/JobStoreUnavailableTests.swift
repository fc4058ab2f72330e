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
}
