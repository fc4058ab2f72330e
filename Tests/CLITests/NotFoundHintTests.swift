import Foundation
import Testing

/// A "no such …" error names its own next step once: no second, generic hint about paths after it.
@Suite struct NotFoundHintTests {
    @Test func eachNotFoundErrorGivesOneHint() async throws {
        let home = try await ConfigHome.signedIn()
        let cases: [([String], String)] = [
            (["jobs", "drop", "987654"], "pcmd: no interrupted or paused job 987654 — see pcmd jobs ls\n"),
            (["links", "--delete", "no-such-code"], "pcmd: no public link with code no-such-code — list them with pcmd links\n"),
            (["shares", "accept", "987654"], "pcmd: no share offer 987654 for you — list them with pcmd shares\n"),
            (["shares", "remove", "987654"], "pcmd: no share 987654 — list them with pcmd shares\n"),
        ]
        for (args, said) in cases {
            let out = try await home.run(args)
            #expect(out.status == 1 && out.stderr == said, "\(args): \(out)")
        }
    }
}
