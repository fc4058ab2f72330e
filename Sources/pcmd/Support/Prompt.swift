import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Questions on stderr, answers from stdin, so stdout stays clean for `--json` and pipes.
enum Prompt {
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 }

    static func say(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// One line, or nil at the end of input.
    static func line(_ question: String) -> String? {
        say(question)
        return readLine(strippingNewline: true)
    }

    /// One line typed without echo on a terminal (a password); read plainly from a pipe, so
    /// scripts and tests can pipe it in.
    static func secret(_ question: String) -> String? {
        say(question)
        guard isInteractive else { return readLine(strippingNewline: true) }
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            say("\n")
        }
        return readLine(strippingNewline: true)
    }
}
