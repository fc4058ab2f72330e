import Foundation
@testable import Commander
import Testing

@Suite struct UnitsTests {
    /// `fixed` stands in for String(format: "%.Nf") on the first frame: it must print the same.
    @Test func fixedPrintsWhatPrintfPrints() {
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for i in 0..<50_000 {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17
            let v = i < 2000 ? Double(i) / 1000 : Double(x % 1_000_000) / Double(1 + x % 997)
            for d in 0...2 {
                let want = String(format: "%.\(d)f", v)
                #expect(Units.fixed(v, decimals: d) == want, "\(v) with \(d) decimals")
                if Units.fixed(v, decimals: d) != want { return }
            }
        }
        #expect(Units.bytes(1536) == "1.50 KiB" && Units.bytes(10 * 1024 * 1024 + 52_429) == "10.1 MiB" && Units.bytes(999) == "999 B")
    }
}
