import Commander
import Foundation

/// Runs an editor on the real terminal and waits for it.
enum Editor {
    static func run(_ command: String, _ path: String) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        // Process passes arguments as UTF-8, which would make a name that is not UTF-8 another
        // name: the shell's printf puts its bytes back (the dot keeps a trailing newline).
        p.arguments = ["-c", "f=$(printf '%b.' \"$1\"); \(command) \"${f%.}\"", "pcmd-edit", printfEscaped(path)]
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
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
