import CQRencode

/// A QR code as a square matrix of modules, encoded by libqrencode. Pure data: the CLI prints
/// `halfBlockLines()`, the TUI's link dialog draws the same lines.
public struct QRCode: Sendable, Hashable {
    /// Modules per side (without the quiet zone).
    public let width: Int
    /// Row-major, true for a dark module.
    public let modules: [Bool]

    /// Encodes `text` as 8-bit data with medium error correction (a URL survives a smudge).
    public init(_ text: String) throws {
        guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else {
            throw CommanderError(.local, "the text is too long for a QR code")
        }
        defer { QRcode_free(code) }
        let w = Int(code.pointee.width)
        width = w
        // libqrencode's bit 0 is the module's colour; the other bits describe its role.
        modules = (0..<w * w).map { code.pointee.data[$0] & 1 == 1 }
    }

    public func isDark(row: Int, column: Int) -> Bool {
        guard row >= 0, column >= 0, row < width, column < width else { return false }
        return modules[row * width + column]
    }

    /// Two module rows per text line with `▀`, `▄`, `█` and space, dark modules drawn as ink
    /// on a light quiet zone of `quietZone` modules (scanners need at least 2, ideally 4).
    /// `inverted` draws light modules as ink, for light-on-dark terminals.
    public func halfBlockLines(quietZone: Int = 2, inverted: Bool = true) -> [String] {
        let range = -quietZone..<(width + quietZone)
        return stride(from: -quietZone, to: width + quietZone, by: 2).map { row in
            String(range.map { column -> Character in
                let top = isDark(row: row, column: column) != inverted
                let bottom = isDark(row: row + 1, column: column) != inverted
                switch (top, bottom) {
                case (true, true): return "█"
                case (true, false): return "▀"
                case (false, true): return "▄"
                case (false, false): return " "
                }
            })
        }
    }
}
