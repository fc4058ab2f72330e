import Foundation
import HostileAnswers
import Testing

/// The real `pcmd` against a server whose answers are mutations of real ones, sent with lying
/// lengths, cut short, as HTML error pages (issue 18): every run ends with an ordinary exit
/// status and at most one plain line on stderr (after a job's notes), never a signal.
@Suite struct HostileServerTests {
    /// Commands that reach the server by different paths: listings, a download, progress polls
    /// (zip, unzip, fetch), uploads and the account. `{dir}` and `{file}` are local to the run.
    static let commands: [[String]] = [
        ["whoami"], ["whoami", "--json"], ["ls", "pc:/"], ["ls", "-l", "pc:/"], ["ls", "--json", "pc:/"],
        ["ls", "-R", "--json", "pc:/"], ["get", "pc:/hello.txt", "{dir}"], ["find", "pc:/", "hello"],
        ["links"], ["shares"], ["revisions", "pc:/hello.txt"], ["link", "pc:/hello.txt"], ["mkdir", "pc:/new"],
        ["put", "{file}", "pc:/"], ["zip", "pc:/hello.txt", "--to", "pc:/z.zip"], ["unzip", "pc:/z.zip", "--to", "pc:/d"],
        ["fetch", "http://127.0.0.1:9/x.bin", "pc:/"], ["compare", "{dir}", "pc:/"], ["rm", "pc:/hello.txt"],
    ]

    @Test func pcmdEndsPlainlyWhateverTheServerAnswers() async throws {
        let env = ProcessInfo.processInfo.environment
        let seed = fuzzSeed(env)
        let runs = env["PCMD_FUZZ_RUNS"].flatMap(Int.init) ?? 300
        let verbose = env["PCMD_FUZZ_VERBOSE"] != nil
        print("HostileServerTests: seed \(seed), \(runs) runs of pcmd (replay with PCMD_FUZZ_SEED=\(seed); "
              + "PCMD_FUZZ_VERBOSE=1 prints each)")
        let answers = HostileAnswerSource(seed: seed)
        let server = try await HostileServer { answers.answer($0) }
        answers.port = server.port
        defer { Task { await server.stop() } }
        var home = ConfigHome()
        home.env = ["PCMD_SANDBOX": server.url, "SWIFT_BACKTRACE": "enable=no"]
        let local = home.root.appendingPathComponent("local")
        try FileManager.default.createDirectory(at: local, withIntermediateDirectories: true)
        try Data("hello, hostile world\n".utf8).write(to: local.appendingPathComponent("hello.txt"))

        var outcomes: [Int32: Int] = [:]
        try await withThrowingTaskGroup(of: (Int32, String?, String).self) { group in
            var next = 0
            func start() throws {
                let n = next
                next += 1
                let dir = local.appendingPathComponent("run-\(n)")
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                let args = Self.commands[n % Self.commands.count].map {
                    $0.replacingOccurrences(of: "{dir}", with: dir.path)
                        .replacingOccurrences(of: "{file}", with: local.appendingPathComponent("hello.txt").path)
                }
                let run = try home.spawn(args, env: ["PCMD_TOKEN": "run-\(n)"])
                group.addTask {
                    let outcome = try await run.finish(timeout: .seconds(90))
                    let why = Self.judge(run.process.terminationReason, outcome, differs: args[0] == "compare")
                    let report = "seed \(seed), run \(n) `pcmd \(args.joined(separator: " "))`: \(why ?? "ok")\n"
                        + "\(outcome)\n--- answers\n\(answers.log(of: "run-\(n)"))"
                    return (outcome.status, why.map { _ in report }, report)
                }
            }
            // A few at a time: each run waits on the server and on retry pauses more than on CPU.
            for _ in 0..<min(4, runs) { try start() }
            while let (status, failure, report) = try await group.next() {
                outcomes[status, default: 0] += 1
                if let failure { Issue.record(Comment(rawValue: failure)) }
                if verbose { print(report) }
                if next < runs { try start() }
            }
        }
        print("HostileServerTests: exit statuses \(outcomes.sorted { $0.key < $1.key }), \(server.paths.count) requests")
        #expect(outcomes.values.reduce(0, +) == runs)
        // Some runs must get far enough to succeed, some must fail: else the answers test nothing.
        #expect(outcomes[0, default: 0] > 0 && outcomes[1, default: 0] > 0)
    }

    /// Why a run's end is not an ordinary one, or nil when it is. `differs`: exit 1 may also
    /// mean "the folders differ" (compare), which is said on stdout.
    static func judge(_ reason: Process.TerminationReason, _ o: Outcome, differs: Bool) -> String? {
        guard reason == .exit else { return "killed by signal \(o.status)" }
        guard (0...4).contains(o.status) else { return "exit status \(o.status) is no pcmd status" }
        var lines = o.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        // A job's notes and the items it skipped come first, each marked so: they explain a
        // failure, and are the only lines allowed beside its one.
        lines.removeFirst(lines.prefix { $0.hasPrefix("pcmd: note: ") || $0.hasPrefix("pcmd: skipped ") }.count)
        if o.status != 0, lines.count != 1, !(differs && o.status == 1 && lines.isEmpty) {
            return "\(lines.count) lines on stderr, not one"
        }
        if lines.count > 1 { return "\(lines.count) lines on stderr after success" }
        for marker in ["Fatal error", "DecodingError", "Context(", "codingPath", "Stack dump"] where o.stderr.contains(marker) {
            return "stderr shows \"\(marker)\""
        }
        return nil
    }
}
