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
    /// `compare` could not compare (its 1 means "the folders differ", as diff's does).
    case compareFailed = 4
    /// The server could not be reached or trusted: refused, no such host, timed out, a
    /// certificate not trusted.
    case network = 5
    /// Done, but some items were left out (a name pCloud cannot take); each was named on stderr.
    case skipped = 6

    /// The status for an error a command threw.
    static func of(_ error: any Error) -> ExitCode {
        switch error {
        case let e as ExitCode: e
        case let e as CommanderError: e.category == .auth ? .auth : e.kind == .network ? .network : .error
        default: .error
        }
    }
}

extension PCMD {
    /// Runs the command line, printing a thrown error as one line with its pCloud code and
    /// exiting with an `ExitCode`; argument-parser's usage errors exit 2.
    static func main() async {
        do {
            let arguments = Self.arguments
            // `--version` answered before ArgumentParser builds its argument sets (as FastLaunch does).
            if arguments.elementsEqual(["--version"]) {
                Console.out(Version.number)
                return
            }
            if var launch = FastLaunch.command(arguments) {
                try await launch.run()
                return
            }
            var command = try parseAsRoot(arguments)
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch let e as ExitCode {
            Foundation.exit(e.rawValue)
        } catch var e as CommanderError {
            if e.kind == .passwordSignInRequired { e = .trashNeedsPassword(profile: profileOnCommandLine()) }
            Console.error(Failure.message(e))
            Foundation.exit(ExitCode.of(e).rawValue)
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            Console.write(fullMessage(for: error) + "\n", to: STDERR_FILENO)
            Foundation.exit(ExitCode.usage.rawValue)
        }
    }

    /// The command line (without the program's name) with every byte kept: a local path that is
    /// not UTF-8 must still name its file (`CommandLine.arguments` turns such bytes into U+FFFD).
    static var arguments: [String] {
        (1..<Int(CommandLine.argc)).map { i in
            let p = UnsafeRawPointer(CommandLine.unsafeArgv[i]!).assumingMemoryBound(to: UInt8.self)
            return RawName.decode(UnsafeBufferPointer(start: p, count: strlen(CommandLine.unsafeArgv[i]!)))
        }
    }

    /// The profile this run used, for a hint that names it: `--profile`, else the one the
    /// config picks (with `--sandbox` taken into account).
    static func profileOnCommandLine() -> String? {
        let args = CommandLine.arguments
        func value(_ flag: String) -> String? {
            if let i = args.firstIndex(of: flag), i + 1 < args.count { return args[i + 1] }
            return args.first { $0.hasPrefix(flag + "=") }.map { String($0.dropFirst(flag.count + 1)) }
        }
        if ProcessInfo.processInfo.environment["PCMD_TOKEN"] != nil { return nil }
        let choice = AccountChoice(profile: value("--profile"), sandbox: value("--sandbox"))
        return (try? Accounts.open())?.profileName(choice)
    }
}
