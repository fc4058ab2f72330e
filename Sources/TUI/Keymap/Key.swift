/// A key press as the app sees it, after the terminal backend decoded it.
public enum Key: Hashable, Sendable {
    case char(Character)
    case ctrl(Character)
    case alt(Character)
    case f(Int)
    case shiftF(Int)
    case up, down, left, right, pageUp, pageDown, home, end, insert, delete
    case backspace, enter, tab, backTab, escape, resize
    case mouse(MouseEvent)

    /// Names as keymap files and help write them: `F5`, `S-F6`, `C-r`, `M-x`, `Space`, `Up`, `a`.
    public var name: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "C-\(c)"
        case .alt("←"): "M-Left"
        case .alt("→"): "M-Right"
        case .alt(let c): "M-\(c)"
        case .f(let n): "F\(n)"
        case .shiftF(let n): "S-F\(n)"
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .insert: "Ins"
        case .delete: "Del"
        case .backspace: "Backspace"
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .escape: "Esc"
        case .resize: "Resize"
        case .mouse: "Mouse"
        }
    }

    static let named: [String: Key] = {
        var m: [String: Key] = [:]
        let plain: [Key] = [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .insert, .delete,
                            .backspace, .enter, .tab, .backTab, .escape, .char(" ")]
        for k in plain { m[k.name.lowercased()] = k }
        for n in 1...12 { m["f\(n)"] = .f(n); m["s-f\(n)"] = .shiftF(n) }
        m["m-left"] = .alt("←")
        m["m-right"] = .alt("→")
        return m
    }()

    /// The inverse of `name`.
    public init?(name: String) {
        if let k = Self.named[name.lowercased()] { self = k; return }
        if name.count == 1, let c = name.first { self = .char(c); return }
        if name.count == 3, let c = name.last {
            if name.hasPrefix("C-") { self = .ctrl(Character(c.lowercased())); return }
            if name.hasPrefix("M-") { self = .alt(c); return }
        }
        return nil
    }
}

public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case click, doubleClick, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int
    public init(_ kind: Kind, x: Int, y: Int) { self.kind = kind; self.x = x; self.y = y }
}
