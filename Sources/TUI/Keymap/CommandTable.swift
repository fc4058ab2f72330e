/// One row per command of a context: the words help and the F9 menu show, its group (the
/// panes'), and the short label of a key bar or a screen's bottom line. The keys are data,
/// in `keymap-default.toml`; key bars, the F9 menu and help are all made from this table and
/// the keymap in force (lf's single command table).
public struct CommandSpec: Sendable {
    public let command: Command
    public let title: String
    public let group: CommandGroup?
    /// Shown on the key bar (panes: F-keys) or a screen's bottom line; nil: help only.
    public let bar: String?

    init(_ command: Command, _ title: String, _ group: CommandGroup? = nil, bar: String? = nil) {
        self.command = command; self.title = title; self.group = group; self.bar = bar
    }
}

public enum CommandTable {
    static let panes: [CommandSpec] = [
        .init(.up, "Cursor up", .move),
        .init(.down, "Cursor down", .move),
        .init(.pageUp, "Page up", .move),
        .init(.pageDown, "Page down", .move),
        .init(.top, "First entry", .move),
        .init(.bottom, "Last entry", .move),
        .init(.open, "Open folder / view file", .move, bar: "Open"),
        .init(.parent, "Parent folder", .move, bar: "Up"),
        .init(.otherPane, "Other pane", .move, bar: "Other"),
        .init(.back, "Back in history", .move, bar: "Back"),
        .init(.forward, "Forward in history", .move, bar: "Forward"),
        .init(.goTo, "Go to path", .move, bar: "GoTo"),
        .init(.bookmarkAdd, "Bookmark this folder", .move, bar: "Bookmark"),
        .init(.bookmarkJump, "Jump to a bookmark", .move, bar: "Jump"),
        .init(.refresh, "Refresh", .move, bar: "Refresh"),

        .init(.mark, "Mark / unmark", .mark, bar: "Mark"),
        .init(.invertMarks, "Invert marks", .mark, bar: "Invert"),
        .init(.markPattern, "Mark by pattern", .mark, bar: "Mark+"),
        .init(.unmarkPattern, "Unmark by pattern", .mark, bar: "Mark-"),
        .init(.filter, "Filter (as you type)", .mark, bar: "Filter"),
        .init(.quickJump, "Quick jump by prefix", .mark, bar: "Jump"),
        .init(.toggleHidden, "Show / hide hidden files", .mark, bar: "Hidden"),
        .init(.sortMenu, "Sort…", .mark, bar: "Sort"),

        .init(.view, "View", .file, bar: "View"),
        .init(.edit, "Edit", .file, bar: "Edit"),
        .init(.copy, "Copy to other pane", .file, bar: "Copy"),
        .init(.move, "Move to other pane", .file, bar: "Move"),
        .init(.rename, "Rename", .file, bar: "Rename"),
        .init(.mkdir, "Make folder", .file, bar: "Mkdir"),
        .init(.delete, "Delete (to trash)", .file, bar: "Delete"),
        .init(.info, "Info & checksum", .file, bar: "Info"),
        .init(.find, "Find files (results as a panel)", .file, bar: "Find"),
        .init(.compare, "Compare panes (marks the difference)", .file, bar: "Compare"),

        .init(.publink, "Public link", .cloud, bar: "Link"),
        .init(.share, "Share folder", .cloud, bar: "Share"),
        .init(.zip, "Zip marked", .cloud, bar: "Zip"),
        .init(.extract, "Extract archive", .cloud, bar: "Extract"),
        .init(.revisions, "Revisions of file", .cloud, bar: "Revs"),
        .init(.fetch, "Fetch from web URLs", .cloud, bar: "Fetch"),

        .init(.jobs, "Jobs panel", .screens, bar: "Jobs"),
        .init(.trash, "Trash", .screens, bar: "Trash"),
        .init(.shares, "Shares", .screens, bar: "Shares"),
        .init(.publinks, "Public links", .screens, bar: "Links"),
        .init(.uploadLinks, "Upload links", .screens, bar: "Uploads"),

        .init(.help, "Help", .app, bar: "Help"),
        .init(.menu, "Menu", .app, bar: "Menu"),
        .init(.quit, "Quit", .app, bar: "Quit"),
    ]

    static let moving: [CommandSpec] = [
        .init(.up, "Cursor up"), .init(.down, "Cursor down"), .init(.pageUp, "Page up"), .init(.pageDown, "Page down"),
        .init(.top, "First row"), .init(.bottom, "Last row"),
    ]

    /// Every context's commands, in the order help lists them.
    public static let contexts: [KeyContext: [CommandSpec]] = [
        .panes: panes,
        .findResults: [.init(.open, "Go to the file (into its folder) / into the folder", bar: "Go to"),
                       .init(.parent, "Leave the results (back to the folder searched)", bar: "Leave")],
        .list: moving + [.init(.search, "Find a row as you type", bar: "find"), .init(.refresh, "Refresh", bar: "refresh"),
                         .init(.help, "Help", bar: "help"), .init(.close, "Close", bar: "close")],
        .viewer: moving + [.init(.search, "Search", bar: "search"), .init(.searchNext, "Next match", bar: "next"),
                           .init(.help, "Help"), .init(.close, "Close", bar: "close")],
        .jobs: [.init(.up, "Previous job"), .init(.down, "Next job"), .init(.cancelJob, "Cancel the job", bar: "cancel"),
                .init(.pauseJob, "Pause the job (no bytes flow; it stays paused across restarts)", bar: "pause"),
                .init(.resumeJob, "Resume a paused job, or one an earlier run left interrupted", bar: "resume"),
                .init(.retry, "Retry the job", bar: "retry"),
                .init(.dropJob, "Drop an interrupted or paused job (what it left on disk stays)", bar: "drop"),
                .init(.bwlimit, "Bandwidth limit of all transfers…", bar: "limit"),
                .init(.clearFinished, "Clear finished jobs", bar: "clear finished"),
                .init(.help, "Help"), .init(.close, "Close the panel", bar: "close")],
        .trash: [.init(.restore, "Restore to where it was", bar: "restore"),
                 .init(.restoreToOther, "Restore into the other pane's folder", bar: "restore to other pane"),
                 .init(.delete, "Delete forever", bar: "delete forever"), .init(.emptyTrash, "Empty the trash", bar: "empty trash")],
        .shares: [.init(.accept, "Accept an incoming offer", bar: "accept"), .init(.decline, "Decline an incoming offer", bar: "decline"),
                  .init(.cancelOffer, "Cancel your pending offer", bar: "cancel offer"),
                  .init(.permissions, "Change permissions", bar: "permissions"), .init(.delete, "Remove the share", bar: "remove")],
        .publinks: [.init(.open, "Show the link and its QR code", bar: "show & QR"), .init(.copyURL, "Copy the URL", bar: "copy URL"),
                    .init(.expiry, "Change expiry", bar: "expiry"), .init(.delete, "Delete the link", bar: "delete")],
        .uploadLinks: [.init(.create, "New upload link for the cloud pane's folder", bar: "new for the cloud pane's folder"),
                       .init(.copyURL, "Copy the URL", bar: "copy URL"), .init(.delete, "Delete the link", bar: "delete")],
        .revisions: [.init(.view, "View this revision", bar: "view"), .init(.download, "Download it to the local pane", bar: "download to local pane"),
                     .init(.revert, "Revert the file to it", bar: "revert to this")],
        .menu: [.init(.up, "Previous line"), .init(.down, "Next line"), .init(.pick, "Run the line", bar: "ok"),
                .init(.cancel, "Close", bar: "cancel"), .init(.help, "Help")],
        .confirm: [.init(.previous, "Previous button"), .init(.next, "Next button"), .init(.pick, "Press the focused button"),
                   .init(.cancel, "Cancel"), .init(.help, "Help")],
        .input: [.init(.pick, "OK", bar: "ok"), .init(.cancel, "Cancel", bar: "cancel"), .init(.help, "Help")],
        .conflict: [.init(.previous, "Previous button"), .init(.next, "Next button"), .init(.pick, "Press the focused button"),
                    .init(.overwrite, "Overwrite"), .init(.skip, "Skip"), .init(.rename, "Rename the copy…"), .init(.keepBoth, "Keep both"),
                    .init(.applyToAll, "Apply to all conflicts"), .init(.cancel, "Skip this one"), .init(.help, "Help")],
        .link: [.init(.copyURL, "Copy the URL", bar: "copy URL"), .init(.expiry, "Change expiry", bar: "expiry"),
                .init(.close, "Close", bar: "close"), .init(.help, "Help")],
        .expiry: [.init(.up, "Previous choice"), .init(.down, "Next choice"), .init(.pick, "Choose"), .init(.cancel, "Cancel"),
                  .init(.help, "Help")],
        .shareDialog: [.init(.next, "Next field", bar: "next"), .init(.previous, "Previous field"),
                       .init(.toggle, "Check / uncheck", bar: "check"), .init(.pick, "Share (or the focused button)", bar: "share"),
                       .init(.cancel, "Cancel"), .init(.help, "Help")],
        .findDialog: [.init(.next, "Next field", bar: "next"), .init(.previous, "Previous field"),
                      .init(.kindNext, "Next kind", bar: "kind"), .init(.kindPrevious, "Previous kind"),
                      .init(.pick, "Find (or the focused button)", bar: "find"), .init(.cancel, "Cancel"), .init(.help, "Help")],
        .fetchDialog: [.init(.next, "Next field", bar: "to buttons"), .init(.previous, "Previous field"),
                       .init(.pick, "Fetch (or the focused button)"), .init(.cancel, "Cancel", bar: "cancel"), .init(.help, "Help")],
        .signIn: [.init(.next, "Next field"), .init(.previous, "Previous field"),
                  .init(.pick, "Next field; sign in from the last", bar: "ok"), .init(.cancel, "Cancel", bar: "cancel"), .init(.help, "Help")],
        .filter: [.init(.pick, "Keep the filter, back to the pane"), .init(.cancel, "Drop the filter"),
                  .init(.up, "Cursor up"), .init(.down, "Cursor down"), .init(.pageUp, "Page up"), .init(.pageDown, "Page down"),
                  .init(.quickJump, "Next match (quick jump)"), .init(.help, "Help")],
    ]

    /// Each context's commands by name, and their place in the table (for the keymap's load, before the first frame).
    static let named: [KeyContext: [String: Command]] = contexts.mapValues { specs in
        Dictionary(specs.map { ($0.command.rawValue, $0.command) }, uniquingKeysWith: { a, _ in a })
    }
    static let rank: [KeyContext: [String: Int]] = contexts.mapValues { specs in
        Dictionary(specs.enumerated().map { ($1.command.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The commands of `context` alone (not its parents').
    public static func specs(_ context: KeyContext) -> [CommandSpec] { contexts[context] ?? [] }

    /// The row of `command` in `context` or the nearest parent that has it.
    public static func spec(_ command: Command, in context: KeyContext = .panes) -> CommandSpec? {
        for c in context.chain { if let s = specs(c).first(where: { $0.command == command }) { return s } }
        return nil
    }
}
