import CNcursesw
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The ncurses backend: the only code that talks to the terminal. It brings curses up with the
/// user's locale (its LC_CTYPE made UTF-8: `UTF8Locale`), copies a `Canvas` to the screen,
/// decodes keys and mouse, and puts the terminal back however pcmd ends.
public final class Terminal {
    public private(set) var width = 0
    public private(set) var height = 0
    /// Colours in use: false for NO_COLOR, `--theme mono` or a terminal without them.
    public let colors: Bool
    private var pairs: [Pair: Int16] = [:]
    private var window: UnsafeMutablePointer<WINDOW> { pcmd_stdscr() }

    private struct Pair: Hashable { let fg: Int; let bg: Int }

    /// `wantColors` false forces monochrome.
    public init(wantColors: Bool) {
        setlocale(LC_ALL, "")
        UTF8Locale.adopt()
        CrashGuard.saveTerminal()
        pcmd_buffer_stdout()
        initscr()
        cbreak()          // keeps ISIG: Ctrl-C and Ctrl-Z reach us as signals
        noecho()
        nonl()
        keypad(pcmd_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        Self.disableFlowControl() // Ctrl-S is quick jump, not XOFF
        def_prog_mode()
        mouseinterval(200)
        mousemask(pcmd_mouse_mask(), nil)
        colors = wantColors && has_colors()
        if colors { start_color(); use_default_colors() }
        wtimeout(pcmd_stdscr(), 0)   // the loop waits in poll, not in curses
        CrashGuard.install()
        updateSize()
    }

    private static func disableFlowControl() {
        var t = termios()
        guard tcgetattr(STDIN_FILENO, &t) == 0 else { return }
        t.c_iflag &= ~tcflag_t(IXON | IXOFF)
        tcsetattr(STDIN_FILENO, TCSANOW, &t)
    }

    public func updateSize() {
        var y: Int32 = 0, x: Int32 = 0
        pcmd_getmaxyx(window, &y, &x)
        height = Int(y); width = Int(x)
    }

    /// Leaves curses mode; the terminal is as it was before pcmd.
    public func end() {
        endwin()
        CrashGuard.uninstall()
    }

    /// Runs `body` with the terminal in its normal mode (an editor, a pager), then comes back.
    public func suspended(_ body: () -> Void) {
        def_prog_mode()
        endwin()
        body()
        reset_prog_mode()
        clearok(window, true)
        refresh()
    }

    // MARK: drawing

    private func pair(_ style: Style) -> Int16 {
        guard colors, style.fg != .default || style.bg != .default else { return 0 }
        let limit = Int(pcmd_colors())
        func fit(_ c: TermColor) -> Int { c.index < 0 ? -1 : (c.index < limit ? c.index : c.index % 8) }
        let key = Pair(fg: fit(style.fg), bg: fit(style.bg))
        if let p = pairs[key] { return p }
        guard pairs.count + 1 < Int(pcmd_color_pairs()) else { return 0 }
        let n = Int16(pairs.count + 1)
        init_pair(n, Int16(key.fg), Int16(key.bg))
        pairs[key] = n
        return n
    }

    private func attrs(_ style: Style) -> attr_t {
        var a: attr_t = 0
        if style.bold { a |= pcmd_a_bold() }
        if style.reverse { a |= pcmd_a_reverse() }
        if style.underline { a |= pcmd_a_underline() }
        if style.dim { a |= pcmd_a_dim() }
        return a
    }

    /// Copies the canvas to the screen. Runs of one style go out as one string; curses itself
    /// sends only what changed since the last frame.
    public func present(_ canvas: Canvas) {
        let w = window
        for y in 0..<min(canvas.height, height) {
            var x = 0
            let rowWidth = min(canvas.width, width)
            while x < rowWidth {
                let style = canvas[x, y].style
                var run = ""
                let start = x
                while x < rowWidth, canvas[x, y].style == style {
                    run += canvas[x, y].text
                    x += 1
                }
                wattr_set(w, attrs(style), pair(style), nil)
                // The last cell of the screen would scroll on some terminals: curses handles it
                // with insert mode, but only through the wide-char call.
                _ = mvwaddstr(w, Int32(y), Int32(start), run)
            }
        }
        wattr_set(w, 0, 0, nil)
        if let c = canvas.cursor {
            curs_set(1)
            wmove(w, Int32(c.y), Int32(c.x))
        } else {
            curs_set(0)
        }
        wrefresh(w)
    }

    /// Bytes for the terminal itself (OSC 52), past curses.
    public func writeRaw(_ s: String) {
        fflush(nil)
        _ = s.withCString { write(STDOUT_FILENO, $0, strlen($0)) }
    }

    // MARK: input

    /// The next key; waits up to `timeout` ms for one, or until `wake` is readable (work
    /// posted for the UI). Nil when nothing was typed.
    public func readKey(wake: Int32? = nil, timeout: Int32 = 25) -> Key? {
        if let k = readKeyNow() { return k }   // curses may hold bytes already read
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
        if let wake { fds.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0)) }
        _ = poll(&fds, nfds_t(fds.count), timeout)
        return readKeyNow()
    }

    private func readKeyNow() -> Key? {
        var ch: wint_t = 0
        let r = wget_wch(window, &ch)
        if r == ERR { return nil }
        if r == KEY_CODE_YES { return functionKey(Int32(ch)) }
        return character(UInt32(ch))
    }

    private func character(_ v: UInt32) -> Key? {
        switch v {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 27:
            // Esc then a key within escdelay is Alt+key.
            wtimeout(window, 25)
            defer { wtimeout(window, 0) }
            var next: wint_t = 0
            let r = wget_wch(window, &next)
            if r == OK, let s = UnicodeScalar(UInt32(next)), next >= 32 { return .alt(Character(s)) }
            if r == KEY_CODE_YES, Int32(next) == KEY_LEFT { return .alt("←") }
            if r == KEY_CODE_YES, Int32(next) == KEY_RIGHT { return .alt("→") }
            // Anything else is a key of its own, read next: a window resized in those 25 ms
            // (KEY_RESIZE) was lost, and the screen stayed drawn for the old size for good.
            if r == KEY_CODE_YES { ungetch(Int32(next)) } else if r == OK { unget_wch(wchar_t(next)) }
            return .escape
        case 1...26: return .ctrl(Character(UnicodeScalar(v + 96)!))
        default:
            guard let s = UnicodeScalar(v) else { return nil }
            return .char(Character(s))
        }
    }

    private func functionKey(_ code: Int32) -> Key? {
        for n in 1...12 {
            if code == pcmd_key_f(Int32(n)) { return .f(n) }
            if code == pcmd_key_f(Int32(n + 12)) { return .shiftF(n) }
        }
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_IC: return .insert
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: updateSize(); return .resize
        case KEY_MOUSE:
            var ev = MEVENT()
            guard getmouse(&ev) == OK else { return nil }
            let kinds: [MouseEvent.Kind?] = [nil, .click, .doubleClick, .wheelUp, .wheelDown]
            guard let kind = kinds[Int(pcmd_mouse_kind(ev.bstate))] else { return nil }
            return .mouse(MouseEvent(kind, x: Int(ev.x), y: Int(ev.y)))
        default: return nil
        }
    }
}
