import ArgumentParser
import Commander
import Foundation

struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout",
        abstract: "Revoke the profile's tokens on the server and forget them (PCMD_TOKEN: revoke that token).")

    @OptionGroup var cloud: CloudOptions

    mutating func run() async throws {
        let accounts = try cloud.accounts()
        let account = try accounts.account(cloud.choice)
        try await account.revokeTokens()
        guard let name = account.profileName else {
            Console.out("Revoked the token from PCMD_TOKEN.")
            return
        }
        try accounts.forgetTokens(name)
        Console.out("Signed out of \(account.endpointName) (profile \(name)); its tokens are revoked and forgotten.")
    }
}
