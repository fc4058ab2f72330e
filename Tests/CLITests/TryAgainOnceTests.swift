import Foundation
import Testing

/// pCloud's 5000 says "Try again later." itself: the command line's hint does not say it twice
/// (the file manager's rule, `ServerErrorHintTests`, is the same function).
@Suite struct TryAgainOnceTests {
    @Test func anInternalErrorSaysTryAgainOnce() async throws {
        let sandbox = try await SandboxProcess(faults: "error=5000:1")
        let home = sandbox.home()
        defer { try? FileManager.default.removeItem(at: home.root) }
        let out = try await home.run(["ls", "pc:/"])
        #expect(out.status != 0 && out.stderr.contains("error 5000"), "\(out)")
        let said = out.stderr.lowercased().components(separatedBy: "try again").count - 1
        #expect(said == 1, "\(out)")
    }
}
