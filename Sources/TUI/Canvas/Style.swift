/// A terminal colour: the default, one of the 16 ANSI colours (0–15), or a 256-palette index.
public struct TermColor: Hashable, Sendable {
    public let index: Int
    public static let `default` = TermColor(index: -1)
    public init(index: Int) { self.index = index }

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// `default`, `red`, `bright-blue`, `color208`, `#268bd2` (nearest 256-palette entry).
    public init?(name: String) {
        let n = name.lowercased()
        if n == "default" || n.isEmpty { self = .default; return }
        if let i = Self.names.firstIndex(of: n) { self.init(index: i); return }
        if n.hasPrefix("bright-"), let i = Self.names.firstIndex(of: String(n.dropFirst(7))) { self.init(index: i + 8); return }
        if n.hasPrefix("color"), let i = Int(n.dropFirst(5)), (0..<256).contains(i) { self.init(index: i); return }
        if n.hasPrefix("#"), n.count == 7, let v = Int(n.dropFirst(), radix: 16) {
            // The xterm 6×6×6 cube: each channel to the nearest of 0, 95, 135, 175, 215, 255.
            func level(_ c: Int) -> Int { c < 48 ? 0 : c < 115 ? 1 : (c - 35) / 40 }
            self.init(index: 16 + 36 * level(v >> 16 & 255) + 6 * level(v >> 8 & 255) + level(v & 255))
            return
        }
        return nil
    }
}

/// How one cell looks. Themes map roles to styles; `mono` uses attributes only.
public struct Style: Hashable, Sendable {
    public var fg: TermColor = .default
    public var bg: TermColor = .default
    public var bold = false
    public var reverse = false
    public var underline = false
    public var dim = false

    public init(fg: TermColor = .default, bg: TermColor = .default, bold: Bool = false, reverse: Bool = false,
                underline: Bool = false, dim: Bool = false) {
        self.fg = fg; self.bg = bg; self.bold = bold; self.reverse = reverse; self.underline = underline; self.dim = dim
    }

    public static let plain = Style()

    /// The same style without colours (monochrome terminals, NO_COLOR).
    public var monochrome: Style { Style(bold: bold, reverse: reverse, underline: underline, dim: dim) }
}
