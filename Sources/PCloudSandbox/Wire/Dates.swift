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
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Thu, 21 Mar 2013 18:31:45 +0000`: always two-digit day, which rclone's RFC1123Z parser needs.
    static func rfc1123(_ seconds: Int64) -> String {
        var t = time_t(seconds)
        var tm = tm()
        gmtime_r(&t, &tm)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(days[Int(tm.tm_wday)]), \(two(tm.tm_mday)) \(months[Int(tm.tm_mon)]) \(tm.tm_year + 1900) "
            + "\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec)) +0000"
    }

    static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec)
    }
}
