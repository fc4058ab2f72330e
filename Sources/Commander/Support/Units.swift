import Foundation

/// Sizes and durations as people type and read them; the TUI and the one-shot commands both
/// speak these, so they live beside the action layer.
public enum Units {
    /// `0 B`, `999 B`, `1.0 KiB`, `12.3 MiB`, `1.50 GiB`: at most five characters of number.
    public static func bytes(_ n: Int64) -> String {
        if n < 1024 { return "\(n) B" }
        let units = ["KiB", "MiB", "GiB", "TiB", "PiB"]
        var v = Double(n) / 1024
        var i = 0
        while v >= 1024, i < units.count - 1 { v /= 1024; i += 1 }
        return "\(fixed(v, decimals: v >= 100 ? 0 : v >= 10 ? 1 : 2)) \(units[i])"
    }

    /// `v` with exactly `decimals` (0...3) digits after the point, rounded as printf's `%.Nf`
    /// rounds: on the exact binary value, ties to even. (String(format:) costs a dynamic cast
    /// per argument, noticeable on a first frame.) A double is m·2^e exactly, so the digits
    /// come from integer arithmetic.
    static func fixed(_ v: Double, decimals: Int) -> String {
        precondition((0...3).contains(decimals) && v.isFinite)
        if v < 0 { return "-" + fixed(-v, decimals: decimals) }
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }
        var n: UInt64 = 0
        if v != 0 {
            let m = v.significandBitPattern | (v.isNormal ? 1 << 52 : 0)
            let e = (v.isNormal ? Int(v.exponent) : -1022) - 52
            if e >= 0 {
                n = (m << UInt64(e)) * scale
            } else {
                let p = m * scale  // below 2^63
                let k = -e
                if k < 64 {
                    n = p >> UInt64(k)
                    let rest = p & ((1 << UInt64(k)) - 1), half: UInt64 = 1 << UInt64(k - 1)
                    if rest > half || (rest == half && n & 1 == 1) { n += 1 }
                }
            }
        }
        guard decimals > 0 else { return "\(n)" }
        let frac = String(n % scale)
        return "\(n / scale)." + String(repeating: "0", count: decimals - frac.count) + frac
    }

    /// `4.1 MiB/s`; a rate beyond `Int64` (progress counts are a server's word) shows as the largest.
    public static func rate(_ bytesPerSecond: Double) -> String {
        let n = bytesPerSecond.isNaN ? 0 : bytesPerSecond >= 0x1p63 ? Int64.max : Int64(max(0, bytesPerSecond))
        return "\(bytes(n))/s"
    }

    /// `10M`, `1.5G`, `512k`, `2048` (bytes; binary multiples).
    public static func parseBytes(_ text: String) -> Int64? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "ib", with: "").replacingOccurrences(of: "b", with: "")
        guard let last = t.last else { return nil }
        let mult: Double = switch last {
        case "k": 1024
        case "m": 1024 * 1024
        case "g": 1024 * 1024 * 1024
        case "t": 1024 * 1024 * 1024 * 1024
        default: 1
        }
        // `inf` and `1e30` parse as numbers but fit no Int64.
        guard let v = Double(mult == 1 ? t : String(t.dropLast())), v >= 0, v * mult < 0x1p63 else { return nil }
        return Int64(v * mult)
    }

    /// `45s`, `30m`, `12h`, `7d`, `2w` (also a bare number of seconds) → seconds.
    public static func parseDuration(_ text: String) -> Int64? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let last = t.last else { return nil }
        let mult: Int64? = switch last {
        case "s": 1
        case "m": 60
        case "h": 3600
        case "d": 86_400
        case "w": 7 * 86_400
        default: nil
        }
        guard let n = Int64(mult == nil ? t : String(t.dropLast())), n >= 0 else { return nil }
        return n * (mult ?? 1)
    }

    /// `1:05`, `12:40`, `3:02:11` for an ETA or elapsed time.
    public static func clock(_ seconds: Double) -> String {
        // Past 30 years an ETA says nothing (and would not fit an Int): the rate is a server's tale.
        guard seconds.isFinite, seconds >= 0, seconds < 1e9 else { return "--:--" }
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
