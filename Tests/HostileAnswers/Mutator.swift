/// Seeded mutations of real answers: what a broken proxy, a buggy server or an attacker could
/// send instead. Every run is replayable from its seed (`PCMD_FUZZ_SEED`).

/// SplitMix64: small, fast, and the same sequence on every platform for a seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The seed of this run: `PCMD_FUZZ_SEED` to replay a failure, else a fresh one. The caller
/// prints it before the first case, so a run that dies still told it.
public func fuzzSeed(_ environment: [String: String]) -> UInt64 {
    if let text = environment["PCMD_FUZZ_SEED"], let seed = UInt64(text) { return seed }
    return UInt64.random(in: 0...UInt64.max)
}

public enum Mutator {
    public enum Kind: CaseIterable, Sendable {
        case byteFlip, truncate, number, typeSwap, deepNesting, duplicate, invalidUTF8, badEscape, empty, splice
    }

    /// `answer` changed by one to three mutations.
    public static func mutate(_ answer: [UInt8], using rng: inout SeededGenerator) -> [UInt8] {
        var out = answer
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            out = apply(Kind.allCases.randomElement(using: &rng)!, to: out, using: &rng)
        }
        return out
    }

    /// Numbers no real answer holds: past Int64 and UInt64, negative, fractions, exponents.
    public static let hostileNumbers = [
        "36893488147419103232", "18446744073709551616", "18446744073709551615", "9223372036854775808",
        "9223372036854775807", "-9223372036854775808", "-9223372036854775809", "-1", "-0", "0.5", "1.0", "12.75",
        "1e3", "1E400", "-1e400", "2.5e-7", "4294967296", "2147483648", "99999999999999999999999999999999999999",
        "0x10", "+5", "01", "1e", "-", "NaN", "Infinity",
    ]

    static let replacementValues = [
        "null", "true", "false", "\"\"", "\"x\"", "[]", "{}", "0", "-1", "[1,\"a\",null]", "{\"a\":{\"b\":[]}}",
        "\"\\u0000\\u001b]52;c;ZXZpbA==\\u0007\"", "36893488147419103232",
    ]

    public static func apply(_ kind: Kind, to answer: [UInt8], using rng: inout SeededGenerator) -> [UInt8] {
        var a = answer
        switch kind {
        case .empty:
            return []
        case .byteFlip:
            guard !a.isEmpty else { return [UInt8.random(in: 0...255, using: &rng)] }
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let i = Int.random(in: 0..<a.count, using: &rng)
                a[i] = Bool.random(using: &rng) ? a[i] ^ (1 << UInt8.random(in: 0...7, using: &rng)) : UInt8.random(in: 0...255, using: &rng)
            }
            return a
        case .truncate:
            guard !a.isEmpty else { return a }
            return Array(a.prefix(Int.random(in: 0..<a.count, using: &rng)))
        case .number:
            let spans = JSONSpans(a).numbers
            guard let span = spans.randomElement(using: &rng) else { return apply(.byteFlip, to: a, using: &rng) }
            a.replaceSubrange(span, with: Array(hostileNumbers.randomElement(using: &rng)!.utf8))
            return a
        case .typeSwap:
            let spans = JSONSpans(a).values
            guard let span = spans.randomElement(using: &rng) else { return apply(.byteFlip, to: a, using: &rng) }
            a.replaceSubrange(span, with: Array(replacementValues.randomElement(using: &rng)!.utf8))
            return a
        case .deepNesting:
            // Past JSONDecoder's limit of 512, and far past what a recursive reader's stack holds.
            let depth = [64, 600, 20_000].randomElement(using: &rng)!
            let closed = Bool.random(using: &rng)
            let open: UInt8 = Bool.random(using: &rng) ? UInt8(ascii: "[") : UInt8(ascii: "{")
            let inner: [UInt8] = open == UInt8(ascii: "[") ? [] : Array("\"a\":".utf8)
            var nest: [UInt8] = []
            nest.reserveCapacity(depth * (inner.count + 2))
            for _ in 0..<depth { nest.append(open); nest += inner }
            nest += Array("1".utf8)
            if closed { nest += [UInt8](repeating: open == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}"), count: depth) }
            if let span = JSONSpans(a).values.randomElement(using: &rng) {
                a.replaceSubrange(span, with: nest)
                return a
            }
            return nest
        case .duplicate:
            if Bool.random(using: &rng), let span = JSONSpans(a).members.randomElement(using: &rng) {
                let member = Array(a[span])
                let copies = Int.random(in: 1...3, using: &rng)
                var insert: [UInt8] = []
                for _ in 0..<copies { insert += Array(",".utf8) + member }
                a.insert(contentsOf: insert, at: span.upperBound)
                return a
            }
            return a + a
        case .invalidUTF8:
            let junk: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0x00]]
            let strings = JSONSpans(a).strings
            let at = strings.randomElement(using: &rng).map { $0.lowerBound + 1 } ?? Int.random(in: 0...a.count, using: &rng)
            a.insert(contentsOf: junk.randomElement(using: &rng)!, at: min(at, a.count))
            return a
        case .badEscape:
            let escapes = ["\\ud800", "\\udc00", "\\ud800\\u0041", "\\ud800\\udbff", "\\u12", "\\x41", "\\", "\\u0000", "\\u001b[2J"]
            let strings = JSONSpans(a).strings
            guard let s = strings.randomElement(using: &rng) else { return apply(.byteFlip, to: a, using: &rng) }
            a.insert(contentsOf: Array(escapes.randomElement(using: &rng)!.utf8), at: s.lowerBound + 1)
            return a
        case .splice:
            let tokens = ["{", "}", "[", "]", ",", ":", "\"", "\"result\":", "\"metadata\":", "null", "\r\n", " "]
            guard !a.isEmpty else { return Array(tokens.randomElement(using: &rng)!.utf8) }
            let i = Int.random(in: 0..<a.count, using: &rng)
            let n = Int.random(in: 0...min(8, a.count - i), using: &rng)
            a.replaceSubrange(i..<(i + n), with: Array(tokens.randomElement(using: &rng)!.utf8))
            return a
        }
    }
}

/// Where the numbers, strings, values and object members of a JSON text are, found by a
/// forgiving pass that also copes with text already broken by an earlier mutation.
struct JSONSpans {
    var numbers: [Range<Int>] = []
    var strings: [Range<Int>] = []
    var values: [Range<Int>] = []
    var members: [Range<Int>] = []

    init(_ b: [UInt8]) {
        // Open containers: (start of the value, is object, start of the current member).
        var stack: [(start: Int, object: Bool, member: Int?)] = []
        var i = 0
        var expectKey = false
        func valueEnded(_ range: Range<Int>) {
            values.append(range)
            if let top = stack.last, top.object, let m = top.member { members.append(m..<range.upperBound) }
        }
        while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: "\""):
                let start = i
                i += 1
                while i < b.count, b[i] != UInt8(ascii: "\"") { i += b[i] == UInt8(ascii: "\\") ? 2 : 1 }
                i = min(i + 1, b.count)
                strings.append(start..<i)
                if expectKey {
                    if stack.indices.contains(stack.count - 1) { stack[stack.count - 1].member = start }
                    expectKey = false
                } else { valueEnded(start..<i) }
                continue
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = i
                while i < b.count, Self.numberByte(b[i]) { i += 1 }
                numbers.append(start..<i)
                valueEnded(start..<i)
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                stack.append((i, c == UInt8(ascii: "{"), nil))
                expectKey = c == UInt8(ascii: "{")
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if let top = stack.popLast() { valueEnded(top.start..<(i + 1)) }
                expectKey = false
            case UInt8(ascii: ","):
                expectKey = stack.last?.object == true
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                let start = i
                while i < b.count, b[i] >= UInt8(ascii: "a"), b[i] <= UInt8(ascii: "z") { i += 1 }
                valueEnded(start..<i)
                continue
            default: break
            }
            i += 1
        }
    }

    static func numberByte(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
            || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
    }
}
