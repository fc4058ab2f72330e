import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Puts the terminal back on every way out: SIGINT and SIGTERM become a clean quit in the app
/// loop (`pending`); a crash signal restores the saved termios and leaves the alternate screen
/// before the process dies, so the shell is never left raw.
enum CrashGuard {
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var hasSaved = false
    /// The last SIGINT/SIGTERM, read by the app loop.
    nonisolated(unsafe) static var pending: Int32 = 0

    static let quitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    static func saveTerminal() {
        hasSaved = tcgetattr(STDIN_FILENO, &saved) == 0
    }

    static func install() {
        for s in quitSignals { signal(s) { CrashGuard.pending = $0 } }
        for s in crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                CrashGuard.restoreRaw()
                signal(sig, SIG_DFL)
                raise(sig)
            }
            action.sa_flags = Int32(bitPattern: UInt32(SA_RESETHAND))
            sigaction(s, &action, nil)
        }
    }

    static func uninstall() {
        for s in quitSignals + crashSignals { signal(s, SIG_DFL) }
    }

    /// Async-signal-safe: tcsetattr and write only.
    static func restoreRaw() {
        if hasSaved { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
        let reset = "\u{1B}[?1000l\u{1B}[?1006l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n"
        _ = reset.withCString { write(STDOUT_FILENO, $0, strlen($0)) }
    }
}
