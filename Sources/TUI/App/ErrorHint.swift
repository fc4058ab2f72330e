import Commander

/// A CommanderError in plain words: the pCloud code, then a hint of what to do. A hint that
/// suggests a command names the key bound to it where the text is shown, so a rebinding shows.
struct ErrorHint {
    /// The key bound to a command where the hint shows; nil where none is.
    let key: (Command) -> String?

    init(key: @escaping (Command) -> String? = { _ in nil }) { self.key = key }

    /// Keys from `keymap`: the first of `contexts` that binds the command.
    init(_ keymap: Keymap, _ contexts: KeyContext...) {
        key = { c in contexts.lazy.compactMap { keymap.keys(for: c, in: $0).first }.first }
    }

    func describe(_ e: CommanderError) -> String {
        let code = e.code != 0 ? "error \(e.code): " : ""
        return code + e.message + (hint(e).flatMap { e.alreadySays($0) ? nil : " — " + $0 } ?? "")
    }

    /// The error's own hint, else one by its pCloud code or category.
    func hint(_ e: CommanderError) -> String? {
        // Not the command line's `pcmd jobs resume`: here the jobs panel retries it.
        if e.connectionLost { return "retry it in the jobs panel" + (key(.jobs).map { " (\($0))" } ?? "") + " to continue where it stopped" }
        if let own = e.hint { return own }
        return switch e.code {
        case 1000, 2000, 2094, 2095: "sign in again"
        case 2003: "you have no permission for that item"
        case 2002, 2005, 2009: "it is gone — " + (key(.refresh).map { "\($0) refreshes" } ?? "list the folder again")
        case 2008: "the account is full — empty the trash or delete something"
        case 2001, 2004: "pick another name"
        case 4000: "too many login attempts — wait a while"
        case 5001 where e.method == "downloadfile": "check that the URL opens in a browser"
        case 5000, 5001: "the server had a problem — try again"
        default: switch e.category {
            case .auth: "sign in again (pcmd login)"
            case .transient, .rateLimited: "try again in a moment"
            default: nil
            }
        }
    }

    /// Without a keymap at hand: hints that would name a key say what to do in words.
    static func describe(_ e: CommanderError) -> String { ErrorHint().describe(e) }
}
