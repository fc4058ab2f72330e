import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The locale pcmd draws with. ncursesw and wcwidth follow LC_CTYPE, and under a locale that is
/// not UTF-8 (none set at all, as under `env -i`, cron or a bare container; or `LANG=C`) they
/// write box lines and every non-ASCII name as `M-b~@`-like escapes and measure CJK as one
/// column. Terminals are UTF-8 today, and yazi and lf assume so whatever the locale says: keep
/// the user's locale for everything else and take a UTF-8 LC_CTYPE when theirs is not one.
enum UTF8Locale {
    /// Sets LC_CTYPE from the environment, then to a UTF-8 one if it is not; true when it is
    /// UTF-8 afterwards. Safe to call more than once.
    @discardableResult
    static func adopt() -> Bool {
        setlocale(LC_CTYPE, "")
        if isUTF8 { return true }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            if isUTF8 { return true }
        }
        return false
    }

    private static var isUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        return String(cString: codeset).uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
    }
}
