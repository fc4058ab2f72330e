/// A dialog or screen drawn over the panes. It takes keys while it is on top.
@MainActor
public protocol Overlay: AnyObject {
    /// Handles a key; returns false when the overlay is done and should close.
    func handle(_ key: Key, _ app: App) -> Bool
    func draw(_ c: inout Canvas, _ app: App)
}

extension Overlay {
    /// A centred box of `width`×`height` (clipped to the screen) with a frame and title.
    func box(_ c: inout Canvas, _ app: App, width: Int, height: Int, title: String) -> Rect {
        let w = min(width, c.width - 2), h = min(height, c.height - 2)
        let r = Rect(x: (c.width - w) / 2, y: max(0, (c.height - h) / 2), width: w, height: h)
        c.fill(r, app.theme[.dialog])
        c.frame(r, app.theme[.dialogBorder], title: title, titleStyle: app.theme[.dialogTitle])
        return r
    }
}
