import Commander

extension App {
    /// pCloud refuses its trash to OAuth tokens (REAL-SERVICE §1): instead of sending the user
    /// away to `pcmd login --password`, ask for the password here (and the two-factor code when
    /// the account has one), then `done`. False when this account cannot be signed in so.
    @discardableResult
    func signInForTrash(then done: @escaping @MainActor (App) -> Void) -> Bool {
        guard let signIn = trashSignIn else { return false }
        if let known = signIn.email ?? panesScreen.pane(on: .cloud)?.quota?.email {
            askPassword(signIn, email: known, then: done)
        } else {
            // An account from PCMD_TOKEN names no email: userinfo does, before the dialog opens.
            background("your account's email", { await signIn.accountEmail() }) { app, email in
                app.askPassword(signIn, email: email ?? "", then: done)
            }
        }
        return true
    }

    private func askPassword(_ signIn: TrashSignIn, email: String, then done: @escaping @MainActor (App) -> Void) {
        let inbox = inbox
        // Asked from the sign-in's task; the dialog's answer (or Esc: nil) resumes it.
        let code: TwoFactorCode = { previous in
            await withCheckedContinuation { (answer: CheckedContinuation<String?, Never>) in
                inbox.post { app in
                    let why = previous.map { "That code did not work (\($0.message))." } ?? "This account signs in with a two-factor code too."
                    app.push(SignInDialog(title: "Two-factor code", lines: [why, "Enter the code from your authenticator app."],
                                          fields: [.init("Code")]) { values, _ in answer.resume(returning: values[0]) }
                                          cancel: { _ in answer.resume(returning: nil) })
                }
            }
        }
        push(SignInDialog(title: "Sign in for the trash",
                          lines: ["pCloud shows the trash only after a sign-in with your password.",
                                  "The password is not kept; the session token is \(signIn.keptWhere)."],
                          fields: [.init("Email", email), .init("Password", hidden: true)], focus: email.isEmpty ? 0 : 1) { values, app in
            let (email, password) = (values[0], values[1])
            guard !email.isEmpty, !password.isEmpty else {
                app.fail("the trash", CommanderError(.passwordSignInRequired, "it needs your email and password — \(app.keyName(.refresh, in: .trash)) asks again"))
                return
            }
            app.say("signing in as \(email)…")
            app.background("password sign-in", { try await signIn.signIn(email: email, password: password, code: code) }) { app, _ in
                app.say("signed in with your password: the trash is open")
                done(app)
            }
        })
    }
}
