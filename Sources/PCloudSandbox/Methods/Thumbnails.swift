import CGD
import Foundation

/// Scaled images made with libgd: without `crop` the aspect ratio is kept inside WIDTHxHEIGHT
/// (never enlarged), with `crop` the image is scaled to cover it and cut to exactly that size.
enum Thumbnails {
    struct Size: Sendable { let width: Int; let height: Int }

    /// `WIDTHxHEIGHT`: width 16–2048, height 16–1024, each divisible by 4 or 5 (else 1015).
    static func parse(_ text: String?) throws -> Size {
        let bad = APIError(1015, "Please provide valid thumb size. Width and height must be divisible either by 4 or 5 and must be between 16 and 2048 (1024 for height).")
        guard let parts = text?.lowercased().split(separator: "x"), parts.count == 2,
              let w = Int(parts[0]), let h = Int(parts[1]),
              (16...2048).contains(w), (16...1024).contains(h),
              w % 4 == 0 || w % 5 == 0, h % 4 == 0 || h % 5 == 0 else { throw bad }
        return Size(width: w, height: h)
    }

    /// The thumbnail's bytes and its real size; 3001 when the file is not a readable image.
    static func make(from path: String, size: Size, crop: Bool, png: Bool) throws -> (data: Data, width: Int, height: Int) {
        guard var input = FileManager.default.contents(atPath: path), input.count < 64 << 20 else {
            throw APIError(3001, "Could not create thumb from the given file.")
        }
        let source = input.withUnsafeMutableBytes { pcmd_gd_decode(Int32($0.count), $0.baseAddress) }
        guard let source else { throw APIError(3001, "Could not create thumb from the given file.") }
        defer { pcmd_gdImageDestroy(source) }
        let sw = Double(pcmd_gd_width(source)), sh = Double(pcmd_gd_height(source))
        let fit = crop ? max(Double(size.width) / sw, Double(size.height) / sh) : min(Double(size.width) / sw, Double(size.height) / sh)
        let scale = min(fit, 1)
        let scaledW = max(1, Int((sw * scale).rounded())), scaledH = max(1, Int((sh * scale).rounded()))
        let outW = crop ? min(size.width, scaledW) : scaledW, outH = crop ? min(size.height, scaledH) : scaledH
        guard let out = pcmd_gdImageCreateTrueColor(Int32(outW), Int32(outH)) else { throw APIError(5000) }
        defer { pcmd_gdImageDestroy(out) }
        // Centre the cut: source offsets in source pixels.
        let srcX = crop ? Int32((Double(scaledW - outW) / 2 / scale).rounded()) : 0
        let srcY = crop ? Int32((Double(scaledH - outH) / 2 / scale).rounded()) : 0
        let srcW = Int32((Double(outW) / scale).rounded()), srcH = Int32((Double(outH) / scale).rounded())
        pcmd_gdImageCopyResampled(out, source, 0, 0, srcX, srcY, Int32(outW), Int32(outH), srcW, srcH)
        var length: Int32 = 0
        guard let bytes = png ? pcmd_gdImagePngPtr(out, &length) : pcmd_gdImageJpegPtr(out, &length, 85) else { throw APIError(5000) }
        defer { pcmd_gdFree(bytes) }
        _ = input
        return (Data(bytes: bytes, count: Int(length)), outW, outH)
    }
}
