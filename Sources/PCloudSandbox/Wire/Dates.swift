#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How datetimes leave the server: RFC 1123 with `+0000` (the default) or unix seconds
/// (`timeformat=timestamp`).
public enum TimeFormat: Sendable {
    case rfc1123
    case timestamp

    func json(_ seconds: Int64) -> JSON {
        switch self {
        case .timestamp: return .int(seconds)
        case .rfc1123: return .string(Dates.rfc1123(seconds))
        }
    }
}

enum Dates {
    private static let days = Array("SunMonTueWedThuFriSat".utf8)
    private static let months = Array("JanFebMarAprMayJunJulAugSepOctNovDec".utf8)

    /// `Thu, 21 Mar 2013 18:31:45 +0000`: always two-digit day, which rclone's RFC1123Z parser needs.
    /// Written byte by byte: a listing has two per entry.
    static func rfc1123(_ seconds: Int64) -> String {
        var t = time_t(seconds)
        var tm = tm()
        gmtime_r(&t, &tm)
        let year = Int(tm.tm_year) + 1900
        guard (0...9999).contains(year) else { return "\(year)" }
        return String(unsafeUninitializedCapacity: 31) { out in
            var i = 0
            func put(_ b: UInt8) { out[i] = b; i += 1 }
            func two(_ v: Int32) { put(UInt8(48 + v / 10)); put(UInt8(48 + v % 10)) }
            for k in 0..<3 { put(days[Int(tm.tm_wday) * 3 + k]) }
            put(UInt8(ascii: ",")); put(UInt8(ascii: " "))
            two(tm.tm_mday); put(UInt8(ascii: " "))
            for k in 0..<3 { put(months[Int(tm.tm_mon) * 3 + k]) }
            put(UInt8(ascii: " "))
            two(Int32(year / 100)); two(Int32(year % 100)); put(UInt8(ascii: " "))
            two(tm.tm_hour); put(UInt8(ascii: ":")); two(tm.tm_min); put(UInt8(ascii: ":")); two(tm.tm_sec)
            for b in " +0000".utf8 { put(b) }
            return i
        }
    }

    static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec)
    }
}
