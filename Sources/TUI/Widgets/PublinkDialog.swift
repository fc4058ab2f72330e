import Commander
import Foundation

/// A public link: the URL (copied to the clipboard at once), its QR code, and expiry choices.
final class PublinkDialog: Overlay {
    let link: PublinkInfo
    let name: String
    var qr: [String] = []

    init(link: PublinkInfo, name: String) {
        self.link = link; self.name = name
    }

    var context: KeyContext { .link }

    func perform(_ command: Command, _ app: App) -> Bool {
        switch command {
        case .copyURL: app.copyToClipboard(link.link)
        case .expiry:
            let cloud = app.cloud, id = link.linkid
            app.push(ExpiryDialog { expire, app in
                app.submit(.changePublink(drive: cloud, linkid: id, PublinkLimits(expire: expire), clearExpire: expire == nil, deleteShortlink: false),
                           expire.map { "link expires \(DateText.full(Date(timeIntervalSince1970: TimeInterval($0))))" } ?? "link never expires")
            })
        case .close: return false
        default: break
        }
        return true
    }

    func draw(_ c: inout Canvas, _ app: App) {
        let t = app.theme
        if qr.isEmpty { qr = QRText.lines(link.link, darkInk: !app.theme.monochrome) }
        let qrWidth = qr.map(TextWidth.of).max() ?? 0
        let fitsQR = qr.count + 5 <= c.height - 2 && qrWidth + 4 <= c.width - 2
        let width = max(TextWidth.of(link.link) + 6, fitsQR ? qrWidth + 4 : 40, 50)
        let r = box(&c, app, width: width, height: (fitsQR ? 5 + qr.count : 6), title: "Public link — \(name)")
        // Cut in the middle when narrow: the code at its end stays readable (y copies it whole).
        c.put(TextWidth.fitMiddle(link.link, r.width - 4), x: r.x + 2, y: r.y + 1, t[.input])
        let expiry = link.expires.map { "expires \(DateText.full(Date(timeIntervalSince1970: TimeInterval($0))))" } ?? "never expires"
        c.put("\(expiry) · \(link.downloads ?? 0) downloads", x: r.x + 2, y: r.y + 2, t[.dialog], limit: r.maxX - 2)
        if fitsQR {
            // The code is drawn black-on-white whatever the theme: scanners need the contrast.
            let qrStyle = Style(fg: TermColor(index: 0), bg: TermColor(index: 15))
            for (i, line) in qr.enumerated() {
                c.put(line, x: r.x + (r.width - qrWidth) / 2, y: r.y + 3 + i, app.theme.monochrome ? .plain : qrStyle)
            }
        } else if !qr.isEmpty {
            c.put("(QR code: enlarge the terminal)", x: r.x + 2, y: r.y + 3, t[.dialog], limit: r.maxX - 2)
        }
        let full = " " + keyHints(app) + " "
        let keys = TextWidth.of(full) <= r.width - 4 ? full : " " + keyHints(app, short: true) + " "
        c.put(keys, x: r.x + 2, y: r.maxY - 1, t[.dialogTitle], limit: r.maxX - 2)
    }
}

/// Expiry choices for a public link: never, a day, a week, a month, or a typed duration.
final class ExpiryDialog: Overlay {
    let choose: @MainActor (Int64?, App) -> Void
    let options: [(String, Int64?)] = [("never", nil), ("1 day", 86_400), ("7 days", 7 * 86_400), ("30 days", 30 * 86_400), ("other…", -1)]
    var selected = 0

    init(choose: @escaping @MainActor (Int64?, App) -> Void) { self.choose = choose }

    var context: KeyContext { .expiry }

    func perform(_ command: Command, _ app: App) -> Bool {
        switch command {
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(options.count - 1, selected + 1)
        case .cancel: return false
        case .pick:
            app.close(self)
            let now = Int64(Date().timeIntervalSince1970)
            guard let seconds = options[selected].1 else { choose(nil, app); return true }
            if seconds > 0 { choose(now + seconds, app); return true }
            let choose = choose
            app.push(InputDialog(title: "Expiry", prompt: "Expires in (e.g. 12h, 3d, 2w):", text: "7d") { text, app in
                guard let s = Units.parseDuration(text) else { app.say("not a duration: \(text) (try 12h, 3d, 2w)"); return }
                choose(now + s, app)
            })
        default: break
        }
        return true
    }

    func draw(_ c: inout Canvas, _ app: App) {
        let r = box(&c, app, width: 30, height: options.count + 2, title: "Link expires")
        for (i, o) in options.enumerated() {
            let style = app.theme[i == selected ? .menuSelected : .dialog]
            c.fill(Rect(x: r.x + 1, y: r.y + 1 + i, width: r.width - 2, height: 1), style)
            c.put(o.0, x: r.x + 2, y: r.y + 1 + i, style)
        }
    }
}
