import Commander

extension App {
    /// OSC 52: the terminal (and tmux with set-clipboard on) puts the text on the clipboard,
    /// over ssh too. The sequence goes out with the next frame.
    func copyToClipboard(_ text: String) {
        clipboard = Clipboard.osc52(text)
        say("copied \(text) to the clipboard")
    }
}
