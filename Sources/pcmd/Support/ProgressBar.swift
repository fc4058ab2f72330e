import Commander
import Foundation
import TUI

/// One line on stderr redrawn in place: title, bar, percent, rate and ETA. Drawn only on a
/// terminal; scripts reading a pipe see nothing of it.
enum ProgressBar {
    /// Follows the queue's snapshots until cancelled, then clears its line.
    static func follow(_ queue: JobQueue) async -> Task<Void, Never>? {
        guard Console.stderrIsTerminal else { return nil }
        let updates = await queue.updates()
        return Task {
            var last = ContinuousClock.now - .seconds(1)
            for await s in updates {
                if Task.isCancelled { break }
                // At most ten redraws a second; finished states always show.
                guard s.state.isFinished || s.state == .paused || ContinuousClock.now - last >= .milliseconds(100) else { continue }
                last = .now
                draw(line(s, width: columns))
            }
            draw("")
        }
    }

    static func draw(_ text: String) {
        Console.write("\r" + TerminalText.escaped(text) + "\u{1B}[K", to: STDERR_FILENO)
    }

    static var columns: Int {
        var size = winsize()
        return ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }

    /// `Upload a.bin  [██████░░░░░░]  52%  12.3 MiB  4.1 MiB/s  ETA 0:03`
    static func line(_ s: JobSnapshot, width: Int) -> String {
        let percent = Int((s.fraction * 100).rounded(.down))
        var tail = " \(String(format: "%3d", percent))%"
        if s.bytesTotal > 0 { tail += "  \(Units.bytes(s.bytesDone))/\(Units.bytes(s.bytesTotal))" }
        if s.rate > 0 { tail += "  \(Units.rate(s.rate))" }
        if s.state == .paused { tail += "  paused" } else if let eta = s.eta, !s.state.isFinished { tail += "  ETA \(Units.clock(eta))" }
        // Measured in columns once escaped (a CJK name is twice its count, `\u202e` six): a line
        // wider than the terminal wraps, and each redraw would leave a row behind.
        let title = TextWidth.fitEnd(TerminalText.escaped(s.currentFile ?? s.title), max(10, width / 3))
        let barWidth = max(10, min(30, width - TextWidth.of(title) - tail.count - 4))
        let filled = Int(s.fraction * Double(barWidth))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
        return TextWidth.fitEnd("\(title) [\(bar)]\(tail)", width - 1)
    }
}
