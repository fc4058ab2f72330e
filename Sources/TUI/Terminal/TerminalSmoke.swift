import CNcursesw

/// The terminal backend's first job: bring ncursesw up with the user's locale and restore the
/// terminal again. The full backend arrives with the TUI issue.
public enum TerminalSmoke {
    /// Initialises curses on the given terminal type writing to /dev/null, draws a wide string
    /// and ends; returns the screen size curses saw and the width it gave the string.
    public static func run(term: String = "xterm-256color", text: String = "中文 ok") -> (lines: Int32, cols: Int32, width: Int32)? {
        setlocale(LC_ALL, "")
        guard let out = fopen("/dev/null", "w"), let input = fopen("/dev/null", "r") else { return nil }
        defer { fclose(out); fclose(input) }
        guard let screen = newterm(term, out, input) else { return nil }
        defer { delscreen(screen) }
        let w = pcmd_stdscr()
        var width: Int32 = 0
        for scalar in text.unicodeScalars { width += max(0, wcwidth(wchar_t(scalar.value))) }
        _ = mvwaddstr(w, 0, 0, text)
        _ = wrefresh(w)
        let size = (pcmd_lines(), pcmd_cols())
        endwin()
        return (size.0, size.1, width)
    }
}
