import Foundation
import PCloudAPI

extension Account {
    /// Invalidates each token on the server (`logout` with that token). A token the server no
    /// longer knows is already as good as revoked.
    public func revokeTokens() async throws {
        let client = try client()
        for kind in [PCloudClient.TokenKind.session, .oauth] {
            guard kind == .session ? tokens.session != nil : tokens.oauth != nil else { continue }
            do { try await client.logout(kind) } catch let e as PCloudError where e.category == .auth {
                continue
            } catch { throw CommanderError.from(error) }
        }
    }
}
