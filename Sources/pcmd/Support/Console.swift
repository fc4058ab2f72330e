import Commander
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the commands print: results on stdout, messages and progress on stderr. Every byte goes
/// through `write(_:to:)`, so a reader that went away ends pcmd the Unix way.
enum Console {
    /// One line of text, escaped for a terminal (`TerminalText`): names and server text may
    /// hold control characters. Escaped on a pipe too, so `pcmd ls | less -R` is as safe; the
    /// exact strings are in `--json`.
    static func out(_ line: String) { write(TerminalText.escaped(line) + "\n", to: STDOUT_FILENO) }

    /// pcmd's own lines (help, a banner), each escaped like `out`.
    static func lines(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { out(String(line)) }
    }

    static func error(_ line: String) { write("pcmd: " + TerminalText.escaped(line) + "\n", to: STDERR_FILENO) }

    /// What changed how a job went (a file sent again), said before its outcome: `pcmd: note: …`,
    /// so a script that reads the last line for the verdict can tell notes from it.
    static func note(_ line: String) { error("note: " + line) }

    /// All of `text`, retrying short writes. When the reader has closed the pipe (`pcmd ls |
    /// head`), pcmd ends as `ls` does there: killed by SIGPIPE, quietly, status 141 in the shell.
    /// (Something in the process ignores SIGPIPE, so the write fails with EPIPE instead, and
    /// FileHandle's `write` then traps.) Any other failure (stderr closed) drops the text.
    static func write(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var done = 0
            while done < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n > 0 { done += n; continue }
                if n < 0, errno == EINTR { continue }
                if n < 0, errno == EPIPE { endOnClosedPipe() }
                return
            }
        }
    }

    static func endOnClosedPipe() -> Never {
        signal(SIGPIPE, SIG_DFL)
        raise(SIGPIPE)
        _exit(128 + SIGPIPE)  // not reached: SIGPIPE's default action ends the process
    }

    /// Progress goes only to a terminal: a pipe or a file gets nothing.
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// One JSON value per line, keys sorted so output is stable for scripts and tests.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        write(TerminalText.json(String(decoding: try encoder.encode(value), as: UTF8.self)) + "\n", to: STDOUT_FILENO)
    }

    /// What a command that changes something did: a sentence on a terminal or a pipe, or with
    /// `--json` one object `{"action": "rm", "path": "/x", …}` per item.
    static func done(_ json: Bool, _ text: String, action: String, path: String, _ extra: [String: String] = [:]) throws {
        guard json else { out(text); return }
        try Console.json(extra.merging(["action": action, "path": path]) { a, _ in a })
    }

    /// Columns padded to the widest cell (numbers in `rightAligned` columns on the right); the
    /// last column is not padded.
    static func table(_ rows: [[String]], rightAligned: Set<Int> = []) {
        let rows = rows.map { $0.map(TerminalText.escaped) }
        guard let columns = rows.map(\.count).max() else { return }
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i == row.count - 1 ? cell : rightAligned.contains(i) ? pad + cell : cell + pad
            }
            out(cells.joined(separator: "  "))
        }
    }
}
