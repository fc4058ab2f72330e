import Commander
import Foundation

/// Runs an editor on the real terminal and waits for it.
enum Editor {
    /// $VISUAL, else $EDITOR (an empty one counts as unset), else vi.
    static var command: String {
        let env = ProcessInfo.processInfo.environment
        return [env["VISUAL"], env["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
    }

    /// Runs `command` on `path`; nil when it ran, else why it could not start (what the shell
    /// said went to the terminal the screen has just covered again).
    static func run(_ command: String, _ path: String) -> CommanderError? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        // Process passes arguments as UTF-8, which would make a name that is not UTF-8 another
        // name: the shell's printf puts its bytes back (the dot keeps a trailing newline).
        p.arguments = ["-c", "f=$(printf '%b.' \"$1\"); \(command) \"${f%.}\"", "pcmd-edit", printfEscaped(path)]
        let cannot = CommanderError(.local, "cannot start the editor “\(command)” — check $VISUAL, $EDITOR")
        do { try p.run() } catch { return cannot }
        p.waitUntilExit()
        // The shell's 127: no such command; 126: not executable.
        return p.terminationReason == .exit && [126, 127].contains(p.terminationStatus) ? cannot : nil
    }
}

extension Editor {
    /// `path` for `printf '%b'`: a byte that is not UTF-8 (`RawName`) as `\0ooo`, a backslash doubled.
    static func printfEscaped(_ path: String) -> String {
        var out = ""
        for u in path.unicodeScalars {
            if let b = RawName.byte(u) { out += "\\0" + String(b, radix: 8) }
            else if u == "\\" { out += "\\\\" }
            else { out.unicodeScalars.append(u) }
        }
        return out
    }
}
