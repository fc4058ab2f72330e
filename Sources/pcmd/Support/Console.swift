import Commander
import Foundation

/// What the commands print: results on stdout, messages and progress on stderr.
enum Console {
    static func out(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data(("pcmd: " + line + "\n").utf8))
    }

    /// Progress goes only to a terminal: a pipe or a file gets nothing.
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// One JSON value per line, keys sorted so output is stable for scripts and tests.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        out(String(decoding: try encoder.encode(value), as: UTF8.self))
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
