import Foundation
import Testing
import TUI

/// The command line's progress line stays one line on a narrow terminal whatever the name:
/// measured in columns after escaping (CJK is two columns, `\u202e` six), not in characters,
/// so it never wraps and leaves a trail of half-drawn lines behind.
@Suite(.serialized) struct ProgressLineE2ETests {
    @Test func aWideNameKeepsTheProgressOnOneLineAt40Columns() async throws {
        let name = "\u{202E}x漢字漢字漢字漢字漢字漢字.bin"
        let sandbox = try await Env.slowSandbox(files: [name: String(repeating: "x", count: 8 << 20)])
        defer { Task { await sandbox.stop() } }
        let info = sandbox.info

        let local = try Env.scratch(), home = try Env.scratch()
        let t = try Tmux(["get", "pc:/" + name, local.path],
                         env: ["PCMD_TOKEN": info.users[0].token, "PCMD_SANDBOX": info.httpsURL!, "PCMD_CA_FILE": info.caPath!,
                               "XDG_STATE_HOME": home.appendingPathComponent("state").path,
                               "XDG_CONFIG_HOME": home.appendingPathComponent("config").path],
                         dir: local, width: 40, height: 10)
        let drawn = await t.waitFor("%")
        #expect(drawn.ok, "\(drawn.screen)")
        // Redrawn ten times a second: a line wider than the terminal would have left rows behind by now.
        try await Task.sleep(for: .seconds(2))
        let screen = t.screen
        let rows = screen.split(separator: "\n").filter { $0.contains("░") || $0.contains("█") || $0.contains("%") }
        #expect(rows.count == 1, "\(screen)")
        #expect(rows.allSatisfy { TextWidth.of(String($0)) < 40 }, "\(screen)")
        #expect(screen.contains("\\u202ex漢字") && !screen.unicodeScalars.contains("\u{202E}"), "\(screen)")
        _ = await t.exitReport(timeout: 30)
    }
}
