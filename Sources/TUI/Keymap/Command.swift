/// Everything a key can do, in every context. `CommandTable` says which contexts take which
/// commands and with what words; `keymap-default.toml` gives their keys.
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

    // Screens: lists, the viewer, jobs, trash, shares, links, revisions
    case close, search, searchNext = "search-next"
    case cancelJob = "cancel-job", retry, clearFinished = "clear-finished"
    case pauseJob = "pause-job", resumeJob = "resume-job", dropJob = "drop-job", bwlimit
    case restore, restoreToOther = "restore-to-other", emptyTrash = "empty-trash"
    case accept, decline, cancelOffer = "cancel-offer", permissions
    case copyURL = "copy-url", expiry, create, download, revert

    // Dialogs
    case previous, next, pick, cancel, toggle
    case overwrite, skip, keepBoth = "keep-both", applyToAll = "apply-to-all"
    case kindNext = "kind-next", kindPrevious = "kind-previous"
}

/// The groups of the F9 menu and of the panes' `?` help.
public enum CommandGroup: String, CaseIterable, Sendable {
    case move = "Move", mark = "Mark & view", file = "File", cloud = "pCloud", screens = "Screens", app = "pcmd"
}

/// Where keys mean something: the panes, each screen, each dialog kind. The raw value is the
/// table's name in `keymap-default.toml` and under `[keymap.NAME]` in config.toml.
public enum KeyContext: String, CaseIterable, Sendable {
    case panes, findResults = "find-results", list, viewer, jobs
    case trash, shares, publinks = "public-links", uploadLinks = "upload-links", revisions
    case menu, confirm, input, conflict, link, expiry
    case shareDialog = "share-dialog", findDialog = "find-dialog", fetchDialog = "fetch-dialog", signIn = "sign-in", filter

    /// Where a key this context does not bind is looked up next.
    public var parent: KeyContext? {
        switch self {
        case .findResults: .panes
        case .trash, .shares, .publinks, .uploadLinks, .revisions: .list
        default: nil
        }
    }

    /// This context, then its parents.
    var chain: [KeyContext] { [self] + (parent.map(\.chain) ?? []) }

    /// How help names it.
    public var title: String {
        switch self {
        case .panes: "The panes"
        case .findResults: "Find results"
        case .list: "Every list screen"
        case .viewer: "Viewer"
        case .jobs: "Jobs panel"
        case .trash: "Trash"
        case .shares: "Shares"
        case .publinks: "Public links"
        case .uploadLinks: "Upload links"
        case .revisions: "Revisions"
        case .menu: "Menu"
        case .confirm: "Question"
        case .input: "Text field"
        case .conflict: "Already exists"
        case .link: "Public link"
        case .expiry: "Link expiry"
        case .shareDialog: "Share dialog"
        case .findDialog: "Find dialog"
        case .fetchDialog: "Fetch dialog"
        case .signIn: "Sign-in dialog"
        case .filter: "Filter line"
        }
    }
}
