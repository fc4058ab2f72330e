import Commander

extension TrashScreen {
    /// pCloud refuses its trash to OAuth tokens (REAL-SERVICE §1): instead of sending the user
    /// away to `pcmd login --password`, ask for the password here (and the two-factor code when
    /// the account has one), then list the trash again. Only while this screen is on top.
    func signIn(_ app: App) {
        guard app.overlays.last === self, let signIn = app.trashSignIn else { return }
        if let known = signIn.email ?? app.panesScreen.pane(on: .cloud)?.quota?.email {
            askPassword(signIn, email: known, app)
        } else {
            // An account from PCMD_TOKEN names no email: userinfo does, before the dialog opens.
            app.background("your account's email", { await signIn.accountEmail() }) { [weak self] app, email in
                self?.askPassword(signIn, email: email ?? "", app)
            }
        }
    }

    private func askPassword(_ signIn: TrashSignIn, email: String, _ app: App) {
        let inbox = app.inbox
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
        app.push(SignInDialog(title: "Sign in for the trash",
                              lines: ["pCloud shows the trash only after a sign-in with your password.",
                                      "The password is not kept; the session token is \(signIn.keptWhere)."],
                              fields: [.init("Email", email), .init("Password", hidden: true)], focus: email.isEmpty ? 0 : 1) { [weak self] values, app in
            let (email, password) = (values[0], values[1])
            guard !email.isEmpty, !password.isEmpty else {
                app.fail("the trash", CommanderError(.passwordSignInRequired, "it needs your email and password — \(app.keyName(.refresh, in: .trash)) asks again"))
                return
            }
            app.say("signing in as \(email)…")
            app.background("password sign-in", { try await signIn.signIn(email: email, password: password, code: code) }) { app, _ in
                app.say("signed in with your password: the trash is open")
                self?.reload(app)
            }
        })
    }
}
