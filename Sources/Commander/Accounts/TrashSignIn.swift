import Foundation

/// The trash of an account signed in through OAuth, opened from the file manager. pCloud
/// refuses its trash to OAuth tokens (REAL-SERVICE §1), so the user signs in with the password
/// where they are: the session token goes to the drive at once and, as `pcmd login --password`
/// keeps it, to the profile's tokens — in memory only for an account from `PCMD_TOKEN`.
public struct TrashSignIn: Sendable {
    let accounts: Accounts
    let account: Account
    let drive: CloudDrive

    public init(accounts: Accounts, account: Account, drive: CloudDrive) {
        self.accounts = accounts; self.account = account; self.drive = drive
    }

    /// The address to sign in as, when the profile knows it.
    public var email: String? { account.profile.email }

    /// The account's address as the server names it (`userinfo`), for an account whose profile
    /// does not (a token from `PCMD_TOKEN`); nil when it cannot be asked.
    public func accountEmail() async -> String? {
        let e = try? await drive.quota().email
        return e?.isEmpty == false ? e : nil
    }

    /// Where the token will be kept, in words for the dialog.
    public var keptWhere: String {
        account.profileName.map { "kept in profile \($0) like `pcmd login --password`" } ?? "kept for this run only (PCMD_TOKEN)"
    }

    /// Signs in (asking `code` for a two-factor account); the password is not kept.
    public func signIn(email: String, password: String, code: @escaping TwoFactorCode) async throws {
        var accounts = accounts
        let (token, signedIn) = try await accounts.signIn(account.profile, email: email, password: password, code: code)
        drive.useSessionToken(token)
        if let name = account.profileName {
            try accounts.keep(token, as: .session, signedIn: signedIn, profile: name)
        }
    }
}
