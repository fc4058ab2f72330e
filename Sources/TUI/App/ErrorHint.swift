import Commander

/// A CommanderError in plain words: the pCloud code, then a hint of what to do.
enum ErrorHint {
    static func describe(_ e: CommanderError) -> String {
        let code = e.code != 0 ? "error \(e.code): " : ""
        let hint: String? = if let own = e.hint { own } else { switch e.code {
        case 1000, 2000, 2094, 2095: "sign in again"
        case 2003: "you have no permission for that item"
        case 2002, 2005, 2009: "it is gone — Ctrl-R refreshes"
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
        } }
        return code + e.message + (hint.map { " — " + $0 } ?? "")
    }
}
