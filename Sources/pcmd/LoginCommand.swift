import ArgumentParser
import Commander
import Foundation
import PCloudAPI

struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in: OAuth in the browser, or --password for a session token (needed for the trash).",
        discussion: """
            OAuth opens pCloud's sign-in page (with --no-browser it prints the address) and receives the \
            redirect on 127.0.0.1; you may also paste the address the browser ended on, or the code. \
            With --password pcmd signs in by digest and keeps only the session token; after an OAuth \
            login it adds that token to the same profile. Tokens go to tokens.toml (mode 0600).
            """)

    @OptionGroup var cloud: CloudOptions

    @Flag(help: "Sign in with email and password (read without echo, never stored).")
    var password = false

    @Option(help: "The account's email (with --password).")
    var email: String?

    @Option(help: "The two-factor code (with --password), for scripts.")
    var code: String?

    @Flag(help: "Print the sign-in address instead of opening a browser.")
    var noBrowser = false

    mutating func run() async throws {
        var accounts = try cloud.accounts()
        let name = accounts.profileName(cloud.choice)
        let profile = try accounts.profile(cloud.choice)
        let (token, signedIn) = password ? try await passwordSignIn(accounts, profile) : try await oauthSignIn(accounts, profile)
        let tokens = try accounts.keep(token, as: password ? .session : .oauth, signedIn: signedIn, profile: name)

        let what = password ? "with your password" : "through OAuth"
        Console.out("Signed in to \(Account(profileName: name, profile: signedIn, tokens: tokens).endpointName) "
              + "as \(signedIn.email ?? "?") \(what) (profile \(name)).")
        if tokens.session == nil {
            Console.out("The trash needs a password sign-in as well: `pcmd login --password --profile \(name)`.")
        }
    }

    /// Digest sign-in; the code of a two-factor account from --code or the terminal.
    func passwordSignIn(_ accounts: Accounts, _ profile: Profile) async throws -> (Secret, Profile) {
        guard let email = email ?? profile.email ?? Prompt.line("Email: "), !email.isEmpty else {
            throw ValidationError("an email is needed: --email ADDRESS")
        }
        guard let password = Prompt.secret("Password for \(email): "), !password.isEmpty else {
            throw ValidationError("no password given")
        }
        let code = self.code
        return try await accounts.signIn(profile, email: email, password: password) { previous in
            if let previous {
                // A code from the command line that failed will not get better by asking again.
                guard code == nil else { throw CommanderError(.cloud, "the two-factor code was not accepted: \(previous.message)",
                                                              code: previous.code, category: .auth) }
                Prompt.say("That code did not work (\(previous.message)).", newline: true)
            }
            return code ?? Prompt.line("Two-factor code: ")
        }
    }

    /// The OAuth code flow: the browser's redirect, or what the user pastes, whichever comes first.
    func oauthSignIn(_ accounts: Accounts, _ profile: Profile) async throws -> (Secret, Profile) {
        let flow = try OAuthSignIn(app: try accounts.oauthApp(for: profile), profile: profile)
        defer { flow.listener.stop() }
        Console.out("Open this address to sign in\(profile.sandbox ? " to the SANDBOX" : ""):")
        Console.out("  \(flow.authorizeURL.absoluteString)")
        Console.out("Waiting for the browser… (or paste the address it ended on, or the code, and press Enter)")
        fflush(nil)  // a pipe or file buffers; whoever reads the address must see it now
        if !noBrowser { Browser.open(flow.authorizeURL) }
        let redirect = try await withThrowingTaskGroup(of: OAuth2.Redirect.self) { group in
            group.addTask { try await flow.waitForRedirect() }
            group.addTask {
                for await line in StandardInput.lines() {
                    do { return try flow.redirect(pasted: line) } catch {
                        Console.error("\(error)")
                    }
                }
                // Input ended: the browser's redirect is the only way left.
                try await Task.sleep(for: .seconds(24 * 3600))
                throw CancellationError()
            }
            group.addTask {
                try await Task.sleep(for: .seconds(15 * 60))
                throw CommanderError(.cloud, "no sign-in within 15 minutes; run `pcmd login` again", category: .auth)
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
        return try await flow.exchange(redirect)
    }
}
