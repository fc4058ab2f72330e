/// What a cell is, for the theme: every style the UI uses has a role, and every theme file
/// names roles by these keys.
public enum Role: String, CaseIterable, Sendable {
    case pane, border, borderActive = "border-active", header, headerActive = "header-active", sandbox, columns
    case cursor, cursorInactive = "cursor-inactive", marked, markedCursor = "marked-cursor"
    case folder, symlink, broken, archive, image, video, audio, document, shared
    case footer, status, error, keybarKey = "keybar-key", keybarLabel = "keybar-label"
    case dialog, dialogBorder = "dialog-border", dialogTitle = "dialog-title", input, button, buttonFocused = "button-focused"
    case progress, progressEmpty = "progress-empty", jobs, menuSelected = "menu-selected", dim
}
