import Foundation

extension App {
    /// OSC 52: the terminal (and tmux with set-clipboard on) puts the text on the clipboard,
    /// over ssh too. The sequence goes out with the next frame.
    func copyToClipboard(_ text: String) {
        clipboard = "\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}"
        say("copied \(text) to the clipboard")
    }
}
