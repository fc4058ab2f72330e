/// A QR code as lines of half blocks (two modules per character cell, top and bottom).
/// Filled in once the QR encoder lands (libqrencode).
enum QRText {
    static func lines(_ text: String) -> [String] { [] }
}
