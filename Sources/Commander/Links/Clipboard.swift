import Foundation

/// Copying to the user's clipboard from a terminal. OSC 52 works over ssh and in most modern
/// terminals; the escape is pure so the TUI can write it through its own backend.
public enum Clipboard {
    /// `ESC ] 52 ; c ; base64 BEL`. Inside tmux the sequence is wrapped in a DCS passthrough
    /// (tmux forwards it when `allow-passthrough`/`set-clipboard` is on).
    public static func osc52(_ text: String, tmux: Bool = false) -> String {
        let sequence = "\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}"
        guard tmux else { return sequence }
        return "\u{1B}Ptmux;\(sequence.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}"))\u{1B}\\"
    }
}
