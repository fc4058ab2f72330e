import Commander

/// A QR code as lines of half blocks (two modules per character cell, top and bottom), from
/// libqrencode through Commander's QRCode.
enum QRText {
    /// `darkInk`: the dialog draws black on white, so dark modules are the ink; on a terminal's
    /// own colours (mono) light modules are.
    static func lines(_ text: String, darkInk: Bool = true) -> [String] {
        (try? QRCode(text))?.halfBlockLines(quietZone: 2, inverted: !darkInk) ?? []
    }
}
