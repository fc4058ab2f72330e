import CGD
import Foundation

/// A picture in a terminal: each cell is "▀" with the upper pixel as foreground and the lower
/// as background (256-colour cube), so a cell shows two pixels. Decoding is libgd's.
enum HalfBlockImage {
    static func cells(_ data: Data, columns: Int, rows: Int) -> [[Cell]]? {
        guard columns > 0, rows > 0, data.count > 8 else { return nil }
        var bytes = data
        let image = bytes.withUnsafeMutableBytes { pcmd_gd_decode(Int32($0.count), $0.baseAddress) }
        guard let image else { return nil }
        defer { pcmd_gdImageDestroy(image) }
        let sw = Int(pcmd_gd_width(image)), sh = Int(pcmd_gd_height(image))
        guard sw > 0, sh > 0 else { return nil }
        // Cells are about twice as tall as wide: one cell column per pixel column, two pixel rows per cell row.
        let scale = min(Double(columns) / Double(sw), Double(rows * 2) / Double(sh))
        let w = max(1, Int(Double(sw) * scale)), h = max(2, Int(Double(sh) * scale) / 2 * 2)
        guard let small = pcmd_gdImageCreateTrueColor(Int32(w), Int32(h)) else { return nil }
        defer { pcmd_gdImageDestroy(small) }
        pcmd_gdImageCopyResampled(small, image, 0, 0, 0, 0, Int32(w), Int32(h), Int32(sw), Int32(sh))
        func color(_ x: Int, _ y: Int) -> TermColor {
            let c = pcmd_gdImageGetTrueColorPixel(small, Int32(x), Int32(y))
            let hex = String(format: "#%02x%02x%02x", (c >> 16) & 255, (c >> 8) & 255, c & 255)
            return TermColor(name: hex) ?? .default
        }
        return stride(from: 0, to: h, by: 2).map { y in
            (0..<w).map { x in Cell(text: "▀", style: Style(fg: color(x, y), bg: color(x, y + 1))) }
        }
    }
}
