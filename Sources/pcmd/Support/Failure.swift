import ArgumentParser
import Commander
import Foundation

/// How a command's failure reaches the user: one line on stderr that names pCloud's code and
/// says in plain words what to try, and an `ExitCode` by kind (auth problems apart, so scripts
/// can tell "sign in again" from "that path is wrong").
enum Failure {
    /// Runs a command's body; errors become the message and the exit code.
    static func reporting(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let e as ExitCode {
            throw e
        } catch let e as ArgumentParser.ExitCode {
            throw e
        } catch let e as ValidationError {
            throw e
        } catch let e as CommanderError where e.kind == .passwordSignInRequired {
            throw e  // `PCMD.main` explains it, naming the profile's `login --password`
        } catch {
            let e = CommanderError.from(error)
            Console.error(message(e))
            throw ExitCode.of(e)
        }
    }

    /// `error 2005: directory does not exist — check the path with pcmd ls`.
    static func message(_ e: CommanderError) -> String {
        var text = e.message
        while text.hasSuffix(".") { text.removeLast() }
        // A server may send a code without a message.
        let what = e.code == 0 ? text : text.isEmpty ? "error \(e.code)" : "error \(e.code): \(text.lowercasedFirst)"
        guard let hint = hint(e), !e.alreadySays(hint) else { return what }
        return "\(what) — \(hint)"
    }

    /// For a local path that is not there: `pcmd ls` lists pCloud, not this computer.
    static let localPathHint = "check it with ls; a pCloud path starts with pc:"

    static func notALocalFolder(_ path: String) -> CommanderError {
        CommanderError(.notFound, "\(path) is not a folder on this computer", hint: localPathHint)
    }

    static func hint(_ e: CommanderError) -> String? {
        if let hint = e.hint { return hint }
        switch e.code {
        case 1000, 2000, 2094, 2095, 2205: return "sign in again with pcmd login"
        case 2002, 2005, 2009, 2010: return "check the path with pcmd ls"
        case 2003, 2006, 2007: return "you have no permission for this item; ask its owner"
        case 2004: return "something of that name is there already; pick another name"
        case 2008: return "your pCloud storage is full; free space or upgrade"
        case 2001: return "pCloud refuses that name; avoid \\ / : * ? \" < > |"
        case 2012, 2055: return "the share request is gone; list them with pcmd shares"
        case 2023, 2024, 2025, 2026, 2027, 2028: return "see the shares with pcmd shares"
        case 2061, 2062: return "check the link code with pcmd links"
        case 4000: return "too many tries; wait a minute and retry"
        case 5000: return "pCloud had a problem; try again later"
        case 5001 where e.method == "downloadfile": return "check that the URL opens in a browser"
        default: break
        }
        switch e.kind {
        case .notFound: return "check the path with pcmd ls"
        case .exists: return "choose --overwrite, --skip-existing or --keep-both"
        default: return nil
        }
    }
}

extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
