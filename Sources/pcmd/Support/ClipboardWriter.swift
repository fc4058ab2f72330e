import Commander
import Foundation

/// Puts text on the user's clipboard: wl-copy on Wayland, xclip on X11, else OSC 52 written to
/// the controlling terminal (works over ssh; stdout may be a pipe).
enum ClipboardWriter {
    /// Copies and says how, for stderr.
    static func copy(_ text: String) -> String {
        let env = ProcessInfo.processInfo.environment
        if env["WAYLAND_DISPLAY"] != nil, pipe(text, to: "wl-copy", []) { return "copied with wl-copy" }
        if env["DISPLAY"] != nil, pipe(text, to: "xclip", ["-selection", "clipboard"]) { return "copied with xclip" }
        guard let tty = FileHandle(forWritingAtPath: "/dev/tty") else {
            return "could not copy: no terminal, wl-copy or xclip"
        }
        tty.write(Data(Clipboard.osc52(text, tmux: env["TMUX"] != nil).utf8))
        try? tty.close()
        return "copied to the terminal's clipboard (OSC 52)"
    }

    /// Runs `tool` from PATH with `text` on stdin; false when it is missing or fails.
    static func pipe(_ text: String, to tool: String, _ args: [String]) -> Bool {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { return false }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let input = Pipe()
        p.standardInput = input
        guard (try? p.run()) != nil else { return false }
        input.fileHandleForWriting.write(Data(text.utf8))
        try? input.fileHandleForWriting.close()
        p.waitUntilExit()
        return p.terminationStatus == 0
    }
}
