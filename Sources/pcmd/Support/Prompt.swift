import Commander
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Questions on stderr, answers from stdin, so stdout stays clean for `--json` and pipes.
enum Prompt {
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 }

    /// `text` escaped for the terminal (it may quote a server's message).
    static func say(_ text: String, newline: Bool = false) {
        Console.write(TerminalText.escaped(text) + (newline ? "\n" : ""), to: STDERR_FILENO)
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
        tcgetattr(STDIN_FILENO, &echoing)
        var quiet = echoing
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        // Ctrl-C at the prompt must not leave the terminal without echo.
        let previous = signal(SIGINT) { _ in
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &Prompt.echoing)
            _exit(130)
        }
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &echoing)
            signal(SIGINT, previous)
            say("", newline: true)
        }
        return readLine(strippingNewline: true)
    }

    /// The terminal's settings before the password prompt turned echo off.
    nonisolated(unsafe) static var echoing = termios()
}
