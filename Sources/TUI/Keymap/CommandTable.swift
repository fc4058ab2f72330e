/// One row per command: its default keys (mc F-keys and vim keys side by side), its group and
/// the words help and the F9 menu show. Keys, menu and help are all made from this table (lf's
/// single command table).
public struct CommandSpec: Sendable {
    public let command: Command
    public let group: CommandGroup
    public let title: String
    public let keys: [String]
}

public enum CommandTable {
    public static let all: [CommandSpec] = [
        .init(command: .up, group: .move, title: "Cursor up", keys: ["Up", "k"]),
        .init(command: .down, group: .move, title: "Cursor down", keys: ["Down", "j"]),
        .init(command: .pageUp, group: .move, title: "Page up", keys: ["PgUp", "C-b"]),
        .init(command: .pageDown, group: .move, title: "Page down", keys: ["PgDn", "C-f"]),
        .init(command: .top, group: .move, title: "First entry", keys: ["Home", "g g"]),
        .init(command: .bottom, group: .move, title: "Last entry", keys: ["End", "G"]),
        .init(command: .open, group: .move, title: "Open folder / view file", keys: ["Enter", "Right", "l"]),
        .init(command: .parent, group: .move, title: "Parent folder", keys: ["Backspace", "Left", "h"]),
        .init(command: .otherPane, group: .move, title: "Other pane", keys: ["Tab", "S-Tab"]),
        .init(command: .back, group: .move, title: "Back in history", keys: ["H", "M-Left"]),
        .init(command: .forward, group: .move, title: "Forward in history", keys: ["L", "M-Right"]),
        .init(command: .goTo, group: .move, title: "Go to path", keys: ["g"]),
        .init(command: .bookmarkAdd, group: .move, title: "Bookmark this folder", keys: ["b"]),
        .init(command: .bookmarkJump, group: .move, title: "Jump to a bookmark", keys: ["'"]),
        .init(command: .refresh, group: .move, title: "Refresh", keys: ["C-r"]),

        .init(command: .mark, group: .mark, title: "Mark / unmark", keys: ["Ins", "Space"]),
        .init(command: .invertMarks, group: .mark, title: "Invert marks", keys: ["*"]),
        .init(command: .markPattern, group: .mark, title: "Mark by pattern", keys: ["+"]),
        .init(command: .unmarkPattern, group: .mark, title: "Unmark by pattern", keys: ["-"]),
        .init(command: .filter, group: .mark, title: "Filter (as you type)", keys: ["/"]),
        .init(command: .quickJump, group: .mark, title: "Quick jump by prefix", keys: ["C-s"]),
        .init(command: .toggleHidden, group: .mark, title: "Show / hide hidden files", keys: ["."]),
        .init(command: .sortMenu, group: .mark, title: "Sort…", keys: ["s"]),

        .init(command: .view, group: .file, title: "View", keys: ["F3"]),
        .init(command: .edit, group: .file, title: "Edit", keys: ["F4", "e"]),
        .init(command: .copy, group: .file, title: "Copy to other pane", keys: ["F5", "c"]),
        .init(command: .move, group: .file, title: "Move to other pane", keys: ["F6", "m"]),
        .init(command: .rename, group: .file, title: "Rename", keys: ["S-F6", "r"]),
        .init(command: .mkdir, group: .file, title: "Make folder", keys: ["F7", "n"]),
        .init(command: .delete, group: .file, title: "Delete (to trash)", keys: ["F8", "Del", "d"]),
        .init(command: .info, group: .file, title: "Info & checksum", keys: ["i"]),
        .init(command: .find, group: .file, title: "Find files (results as a panel)", keys: ["f", "M-?"]),
        .init(command: .compare, group: .file, title: "Compare panes (marks the difference)", keys: ["="]),

        .init(command: .publink, group: .cloud, title: "Public link", keys: ["p"]),
        .init(command: .share, group: .cloud, title: "Share folder", keys: ["S"]),
        .init(command: .zip, group: .cloud, title: "Zip marked", keys: ["z"]),
        .init(command: .extract, group: .cloud, title: "Extract archive", keys: ["x"]),
        .init(command: .revisions, group: .cloud, title: "Revisions of file", keys: ["v"]),
        .init(command: .fetch, group: .cloud, title: "Fetch from web URLs", keys: ["W"]),

        .init(command: .jobs, group: .screens, title: "Jobs panel", keys: ["J"]),
        .init(command: .trash, group: .screens, title: "Trash", keys: ["t"]),
        .init(command: .shares, group: .screens, title: "Shares", keys: ["w"]),
        .init(command: .publinks, group: .screens, title: "Public links", keys: ["P"]),
        .init(command: .uploadLinks, group: .screens, title: "Upload links", keys: ["U"]),

        .init(command: .help, group: .app, title: "Help", keys: ["F1", "?"]),
        .init(command: .menu, group: .app, title: "Menu", keys: ["F9"]),
        .init(command: .quit, group: .app, title: "Quit", keys: ["F10", "q"]),
    ]

    public static func spec(_ c: Command) -> CommandSpec { all.first { $0.command == c }! }
}
