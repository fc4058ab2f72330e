import Commander
import Foundation
import Testing

@Suite struct QRCodeTests {
    @Test func aURLBecomesASquareWithFinderPatterns() throws {
        let code = try QRCode("https://e.pcloud.link/publink/show?code=XZabc123")
        #expect(code.width >= 21 && (code.width - 21) % 4 == 0)
        #expect(code.modules.count == code.width * code.width)
        // Every QR code's top-left finder: a dark 7×7 ring around a light ring around a dark 3×3.
        #expect((0..<7).allSatisfy { code.isDark(row: 0, column: $0) && code.isDark(row: $0, column: 0) })
        #expect(!code.isDark(row: 1, column: 1) && code.isDark(row: 3, column: 3))
    }

    @Test func halfBlocksPackTwoRowsPerLineWithAQuietZone() throws {
        let code = try QRCode("hello")
        let lines = code.halfBlockLines(quietZone: 2, inverted: false)
        #expect(lines.count == (code.width + 4 + 1) / 2)
        #expect(lines.allSatisfy { $0.count == code.width + 4 })
        #expect(lines[0].allSatisfy { $0 == " " })
        // Line 1 holds code rows 0 and 1, where the finder's left edge is dark in both.
        #expect(Array(lines[1])[2] == "█")
        #expect(Array(lines[1])[1] == " ")
        let inverted = code.halfBlockLines(quietZone: 2)
        #expect(inverted[0].allSatisfy { $0 == "█" })
    }
}

@Suite struct ClipboardTests {
    @Test func osc52CarriesTheTextInBase64() {
        #expect(Clipboard.osc52("hi") == "\u{1B}]52;c;aGk=\u{07}")
        let wrapped = Clipboard.osc52("hi", tmux: true)
        #expect(wrapped.hasPrefix("\u{1B}Ptmux;\u{1B}\u{1B}]52;c;aGk="))
        #expect(wrapped.hasSuffix("\u{1B}\\"))
    }
}
