import ArgumentParser
import Commander
import Foundation

/// pcmd's exit statuses: scripts tell a usage slip and a sign-in problem from other failures.
/// Throwing one exits with it quietly (after the command printed its own message).
enum ExitCode: Int32, Error {
    case ok = 0
    case error = 1
    case usage = 2
    /// Not signed in, a token refused or revoked, a trash that needs a password sign-in.
    case auth = 3

    /// The status for an error a command threw.
    static func of(_ error: any Error) -> ExitCode {
        switch error {
        case let e as ExitCode: e
        case let e as CommanderError: e.category == .auth ? .auth : .error
        default: .error
        }
    }
}

extension PCMD {
    /// Runs the command line, printing a thrown error as one line with its pCloud code and
    /// exiting with an `ExitCode`; argument-parser's usage errors exit 2.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch let e as ExitCode {
            Foundation.exit(e.rawValue)
        } catch let e as CommanderError {
            FileHandle.standardError.write(Data("pcmd: \(e)\n".utf8))
            Foundation.exit(ExitCode.of(e).rawValue)
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitCode.usage.rawValue)
        }
    }
}
