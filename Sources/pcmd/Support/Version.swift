/// pcmd's version, written in this one place: `--version`, `pcmd version`, the man page and the
/// package scripts (which ask the built binary) all read it.
enum Version {
    static let number = "0.1.0"
}
