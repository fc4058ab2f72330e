/// Everything a key can do. The table in `CommandTable` gives each its default keys, its words
/// for help and the F9 menu; nothing else lists commands.
public enum Command: String, CaseIterable, Sendable {
    // Moving
    case up, down, pageUp = "page-up", pageDown = "page-down", top, bottom
    case open, parent, otherPane = "other-pane", back, forward, goTo = "go-to", refresh
    case bookmarkAdd = "bookmark-add", bookmarkJump = "bookmark-jump"
    // Marking and the view of a folder
    case mark, invertMarks = "invert-marks", markPattern = "mark-pattern", unmarkPattern = "unmark-pattern"
    case filter, quickJump = "quick-jump", toggleHidden = "toggle-hidden", sortMenu = "sort"
    // Files
    case view, edit, copy, move, rename, mkdir, delete, info, find
    case compare
    // pCloud
    case publink, share, zip, extract, revisions
    case fetch
    // Screens
    case jobs, trash, shares, publinks, uploadLinks = "upload-links"
    // The app
    case help, menu, quit
}

/// The groups of the F9 menu and of `?` help.
public enum CommandGroup: String, CaseIterable, Sendable {
    case move = "Move", mark = "Mark & view", file = "File", cloud = "pCloud", screens = "Screens", app = "pcmd"
}
