import Foundation
import Testing

@Suite struct HelpCommandTests {
    @Test func theManPageCoversEveryCommand() async throws {
        let out = try await ConfigHome().run(["help-man"])
        #expect(out.status == 0, "\(out)")
        #expect(out.stdout.hasPrefix(".TH PCMD 1"))
        for command in ["ls", "put", "get", "cp", "mv", "rm", "mkdir", "link", "links", "share", "shares accept", "trash restore",
                        "revisions", "revert", "zip", "unzip", "uploadlink create"] {
            #expect(out.stdout.contains(".SS \"pcmd \(command)\""), "\(command)")
        }
        // No line may start a roff request by accident.
        #expect(!out.stdout.split(separator: "\n").contains { $0.hasPrefix(".") && !$0.hasPrefix(".SS") && !$0.hasPrefix(".SH")
            && !$0.hasPrefix(".TH") && $0 != ".nf" && $0 != ".fi" })
    }

    @Test func completionsKnowTheCommands() async throws {
        let out = try await ConfigHome().run(["--generate-completion-script", "bash"])
        #expect(out.status == 0, "\(out)")
        #expect(out.stdout.contains("uploadlink") && out.stdout.contains("--skip-existing"))
    }
}
