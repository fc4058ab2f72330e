import Foundation
import HostileAnswers
import Testing

/// The real file manager in tmux against a server whose answers are mutations of real ones,
/// sent with lying lengths, cut short, as HTML error pages (issue 18), driven by a seeded
/// random walk of keys that reach the cloud. After each step pcmd must be alive and have read
/// every key (a UI waiting on the network leaves them in the terminal's input queue), and no
/// server text may have reached the terminal raw; at the end it quits with status 0 and gives
/// the shell its terminal back.
@Suite(.serialized) struct HostileWalkTests {
    @Test func theFileManagerSurvivesAHostileServer() async throws {
        let env = ProcessInfo.processInfo.environment
        let seed = fuzzSeed(env)
        let runs = env["PCMD_TUI_FUZZ_RUNS"].flatMap(Int.init) ?? 20
        let length = env["PCMD_TUI_FUZZ_KEYS"].flatMap(Int.init) ?? 30
        // One run of a failing seed, to replay it alone.
        let only = env["PCMD_TUI_FUZZ_RUN"].flatMap(Int.init)
        print("HostileWalkTests: seed \(seed), \(only.map { "run \($0)" } ?? "\(runs) runs") of \(length) steps "
              + "(replay with PCMD_FUZZ_SEED=\(seed), one run with PCMD_TUI_FUZZ_RUN=n)")
        // Some answers come only after 25 s: the keys must go on meanwhile.
        let answers = HostileAnswerSource(seed: seed, stall: .seconds(25), content: Self.hostileText)
        let server = try await HostileServer { answers.answer($0) }
        answers.port = server.port
        defer { Task { await server.stop() } }
        var passed = 0
        for n in only.map({ [$0] }) ?? Array(0..<runs) {
            var rng = SeededGenerator(seed: seed &+ UInt64(n))
            // Tab once, to the cloud pane, and never back: the local pane's keys (Backspace, F8)
            // would otherwise climb out of the run's folder and delete what others keep in /tmp.
            let walk = [Step(actions: [.keys(["Tab"])], pause: 100)] + (0..<length).map { _ in Step.random(using: &rng) }
            let token = "walk-\(n)"
            if let failure = try await Self.walk(walk, token: token, server: server) {
                let keys = walk.map(\.description).joined(separator: " · ")
                Issue.record(Comment(rawValue: "seed \(seed), run \(n): \(failure.why)\nsteps: \(keys)\n"
                    + "replay: PCMD_FUZZ_SEED=\(seed) PCMD_TUI_FUZZ_RUN=\(n)\n--- screen\n\(failure.screen)\n"
                    + "--- last answers of \(answers.count(of: token))\n\(answers.log(of: token, last: 30))"))
            } else {
                passed += 1
            }
            if env["PCMD_FUZZ_VERBOSE"] != nil { print("run \(n): \(answers.count(of: token)) requests\n\(answers.log(of: token))") }
        }
        print("HostileWalkTests: \(passed) runs passed, \(server.paths.count) requests")
    }

    /// Every file's bytes, viewed in the cloud (F3) and once copied: what a terminal must never
    /// get raw (the clipboard, a cleared screen, C1 CSI, bidi override), bytes that are no UTF-8,
    /// and a line longer than any screen.
    static let hostileText: [UInt8] = Array("hello\u{1B}]52;c;ZXZpbA==\u{07} \u{1B}[2J \u{9B}31m red\r\n".utf8)
        + [0xFF, 0xFE, 0xC0, 0x80, 0x00, 0x0A] + Array("\u{202E}txt.exe\tend\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 5000)

    struct Failure {
        var why: String
        var screen: String
    }

    /// pcmd started against `server` as `token`, walked through `steps`, then quit.
    static func walk(_ steps: [Step], token: String, server: HostileServer) async throws -> Failure? {
        let local = try Env.scratch(["here.txt": "x"])
        let home = try Env.scratch()
        defer { for dir in [local, home] { try? FileManager.default.removeItem(at: dir) } }
        let t = try Tmux(["--sandbox", server.url, "--local", local.path],
                         env: ["PCMD_TOKEN": token, "XDG_DATA_HOME": home.appendingPathComponent("data").path,
                               "XDG_CONFIG_HOME": home.appendingPathComponent("config").path],
                         dir: local)
        func failure(_ why: String) async -> Failure {
            var why = why
            if let report = await t.exitReport(timeout: 1) { why += " (" + (report.split(separator: "\n").first ?? "") + ")" }
            return Failure(why: why, screen: t.screen)
        }
        guard await t.waitFor("here.txt", timeout: 30).ok else { return await failure("no first frame") }
        for (i, step) in steps.enumerated() {
            try await step.perform(on: t)
            if let why = await Self.check(t) { return await failure("after step \(i + 1) (\(step)): \(why)") }
        }
        // Escape closes whatever is open; F10 then quits, Left Enter confirms with jobs running
        // (a question a window too small to draw it would hide).
        try t.resize(width: 100, height: 30)
        for _ in 0..<6 where !t.exited {
            try t.keys("Escape", "Escape", "F10")
            if await t.wait(timeout: 3, { _ in t.exited }).ok { break }
            if t.screen.contains("still running") { try t.keys("Left", "Enter") }
            _ = await t.wait(timeout: 3) { _ in t.exited }
        }
        guard let report = await t.exitReport() else { return await failure("did not quit") }
        guard report.contains("exit=0") else { return await failure("quit with \(report.prefix { $0 != "\n" })") }
        guard report.contains(" icanon") && report.contains(" echo ") else { return await failure("terminal left raw") }
        guard t.format("#{alternate_on}") == "0" else { return await failure("terminal left in the alternate screen") }
        return nil
    }

    /// Why pcmd is not as it should be after a step, or nil when it is.
    static func check(_ t: Tmux) async -> String? {
        if t.exited { return "pcmd exited" }
        // Every key read within a few seconds: the UI thread never waits on the server.
        let read = await t.wait(timeout: 10) { _ in t.unreadInput() == 0 || t.exited }
        if t.exited { return "pcmd exited" }
        if !read.ok { return "\(t.unreadInput() ?? -1) bytes of keys unread for 10 s: the UI stopped answering" }
        // The corpus' OSC 52 sets the clipboard to "evil" if server text reaches the terminal raw.
        if t.clipboard.contains("evil") { return "server text reached the terminal raw (OSC 52 set the clipboard)" }
        return nil
    }

    /// One step of a walk: keys, text typed into a dialog, or a new window size, and a pause
    /// after it so that answers arrive between keys at varied moments.
    struct Step: CustomStringConvertible {
        enum Action {
            case keys([String])
            case type(String)
            case resize(width: Int, height: Int)
        }

        var actions: [Action]
        var pause: Int

        /// What reaches the cloud, the panes most often; repeats weigh a step. No Tab: the
        /// local pane must keep to the run's folder.
        static let choices: [[Action]] = [
            [.keys(["Enter"])], [.keys(["Enter"])], [.keys(["Enter"])],
            [.keys(["BSpace"])], [.keys(["BSpace"])], [.keys(["Down"])], [.keys(["Down"])], [.keys(["Down"])],
            [.keys(["Up"])], [.keys(["End"])], [.keys(["Space"])], [.keys(["Escape"])], [.keys(["Escape"])],
            [.keys(["F3"])], [.keys(["F5"])], [.keys(["F5", "Enter"])], [.keys(["F7"]), .type("fz"), .keys(["Enter"])],
            [.keys(["F8", "Enter"])], [.keys(["i"])], [.keys(["v"])], [.keys(["p"])], [.keys(["S"])],
            [.keys(["t"])], [.keys(["J"])], [.keys(["L"])], [.keys(["H"])], [.keys(["P"])], [.keys(["w"])], [.keys(["U"])],
            [.keys(["/"]), .type("e")], [.keys(["f"]), .type("hello"), .keys(["Enter"])], [.keys(["C-r"])],
            [.keys(["="]), .keys(["Enter"])],
        ]

        static func random(using rng: inout SeededGenerator) -> Step {
            let actions: [Action] = Int.random(in: 0..<12, using: &rng) == 0
                // Now and then a new size, sometimes one too small for any layout.
                ? [.resize(width: Int.random(in: 8...140, using: &rng), height: Int.random(in: 3...45, using: &rng))]
                : choices.randomElement(using: &rng)!
            return Step(actions: actions, pause: [0, 30, 100, 300].randomElement(using: &rng)!)
        }

        func perform(on t: Tmux) async throws {
            for a in actions {
                switch a {
                case .keys(let names): for n in names { try t.keys(n) }
                case .type(let text): try t.type(text)
                case .resize(let w, let h): try t.resize(width: w, height: h)
                }
            }
            try await Task.sleep(for: .milliseconds(pause))
        }

        var description: String {
            actions.map {
                switch $0 {
                case .keys(let names): names.joined(separator: " ")
                case .type(let text): "“\(text)”"
                case .resize(let w, let h): "\(w)x\(h)"
                }
            }.joined(separator: " ") + (pause > 0 ? " (\(pause) ms)" : "")
        }
    }
}
