import Commander
import Foundation
import HostileAnswers
import Testing
@testable import TUI

/// Names sort naturally by default (f2 before f10), the plain byte order one choice away.
@MainActor
@Suite struct NaturalOrderTests {
    static func sorted(_ names: [String], _ order: TUI.SortOrder = TUI.SortOrder()) -> [String] {
        let entries = names.map { Entry(name: $0, kind: .file, size: 0, modified: Date(timeIntervalSince1970: 0), path: nil) }
        return order.order(entries, Array(entries.indices)).map { entries[$0].name }
    }

    @Test func digitRunsCompareByValue() {
        let names = (1...12).map { "f\($0).txt" }.shuffled()
        #expect(Self.sorted(names) == (1...12).map { "f\($0).txt" })
        var plain = TUI.SortOrder()
        plain.natural = false
        #expect(Self.sorted(names, plain) == ["f1.txt", "f10.txt", "f11.txt", "f12.txt"] + (2...9).map { "f\($0).txt" })
    }

    @Test func leadingZerosCaseAndVersions() {
        // Equal values: fewer leading zeros first; the order is total, whatever the input order.
        #expect(Self.sorted(["f001", "f1", "f01", "f2", "f010"]) == ["f1", "f01", "f001", "f2", "f010"])
        // Case does not split the order; names equal but for case keep one order of their own.
        #expect(Self.sorted(["b10", "B2", "a", "A"]) == ["A", "a", "B2", "b10"])
        #expect(Self.sorted(["v1.10", "v1.9", "v1.9.1", "v10"]) == ["v1.9", "v1.9.1", "v1.10", "v10"])
        // Numbers longer than any integer type, and digits beside non-ASCII letters.
        let huge = "x" + String(repeating: "9", count: 40)
        #expect(Self.sorted([huge, "x1", "中2", "中10"]) == ["x1", huge, "中2", "中10"])
        #expect(Self.sorted(["", "0", "00", "a0"]) == ["", "0", "00", "a0"])
        // Non-ASCII names lowercase as Swift does, ASCII ones byte by byte: one order for both.
        #expect(Self.sorted(["ÉMILE10", "Zebra", "Émile2", "émile", "apple"]) == ["apple", "Zebra", "émile", "Émile2", "ÉMILE10"])
    }

    /// The other keys: extension (natural too), size and time, folders first and reverse.
    @Test func extensionSizeAndTimeKeys() {
        func entry(_ name: String, _ kind: Entry.Kind = .file, size: Int64 = 0, at t: Double = 0) -> Entry {
            Entry(name: name, kind: kind, size: size, modified: Date(timeIntervalSince1970: t), path: nil)
        }
        let entries = [entry("b.v10", size: 5, at: 3), entry("a.v2", size: 9, at: 1), entry("dir", .folder, size: 0, at: 2),
                       entry("c.txt", size: 1, at: 2), entry("a.v10", size: 5, at: 5)]
        func names(_ key: TUI.SortOrder.Key, reverse: Bool = false) -> [String] {
            var o = TUI.SortOrder()
            o.key = key
            o.reverse = reverse
            return o.order(entries, Array(entries.indices)).map { entries[$0].name }
        }
        #expect(names(.extension) == ["dir", "c.txt", "a.v2", "a.v10", "b.v10"])
        #expect(names(.size) == ["dir", "c.txt", "a.v10", "b.v10", "a.v2"])
        #expect(names(.modified, reverse: true) == ["dir", "a.v10", "b.v10", "c.txt", "a.v2"])
    }

    /// The sort key against a comparator that walks digit runs (the way natural order is
    /// usually written), on random names: the same order, ties included.
    @Test func theKeyOrdersAsDigitRunsCompare() {
        func walk(_ x: [UInt8], _ y: [UInt8]) -> Int {
            func digit(_ c: UInt8) -> Bool { (0x30...0x39).contains(c) }
            var i = 0, j = 0, zeros = 0
            while i < x.count, j < y.count {
                guard digit(x[i]), digit(y[j]) else {
                    if x[i] != y[j] { return Int(x[i]) - Int(y[j]) }
                    i += 1; j += 1
                    continue
                }
                let zi = x[i...].prefix { $0 == 0x30 }.count, zj = y[j...].prefix { $0 == 0x30 }.count
                let di = Array(x[(i + zi)...].prefix(while: digit)), dj = Array(y[(j + zj)...].prefix(while: digit))
                if di.count != dj.count { return di.count - dj.count }
                if di != dj { return di.lexicographicallyPrecedes(dj) ? -1 : 1 }
                if zeros == 0 { zeros = zi - zj }
                i += zi + di.count; j += zj + dj.count
            }
            let rest = (x.count - i) - (y.count - j)
            return rest != 0 ? rest : zeros
        }
        var rng = SeededGenerator(seed: 20261207)
        let alphabet: [String] = ["a", "b", ".", "-", "0", "0", "1", "2", "9", "中"]
        for _ in 0..<3000 {
            let make = { (rng: inout SeededGenerator) -> [UInt8] in
                Array((0..<Int(rng.next() % 12)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined().utf8)
            }
            var long = make(&rng)
            if rng.next() % 5 == 0 { long += Array(String(repeating: "7", count: Int(rng.next() % 30)).utf8) }
            let a = long, b = rng.next() % 3 == 0 ? a.map { $0 == 0x31 ? 0x30 : $0 } + make(&rng) : make(&rng)
            let want = walk(a, b).signum()
            let got = TUI.SortOrder.compare(TUI.SortOrder.naturalKey(a), TUI.SortOrder.naturalKey(b)).signum()
            #expect(got == want, "\(String(decoding: a, as: UTF8.self)) vs \(String(decoding: b, as: UTF8.self))")
        }
    }

    @Test func theSortMenuTurnsItOff() async throws {
        let h = try await Harness.ownSandbox(local: Dictionary(uniqueKeysWithValues: [1, 2, 10, 11].map { ("f\($0).txt", "x") }))
        defer { Task { await h.finish() } }
        let p = h.app.panesScreen.panes[0]
        #expect(p.rows.map { p.entries[$0].name } == ["f1.txt", "f2.txt", "f10.txt", "f11.txt"])
        h.keys(.char("s"))
        // The whole menu is in DialogSnapshotTests; here, that the choice is there and on.
        #expect(h.snapshot(box: "Sort", 80, 24).contains("│ [x] natural order (f2 before f10)"))
        h.keys(.up, .enter)   // from the first choice up wraps to the last
        #expect(p.rows.map { p.entries[$0].name } == ["f1.txt", "f10.txt", "f11.txt", "f2.txt"])
        #expect(h.app.status.text.contains("plain byte order"))
    }
}
