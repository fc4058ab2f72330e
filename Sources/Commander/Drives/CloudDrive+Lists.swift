import Foundation
import PCloudAPI

/// Listings the TUI's screens show beside folders: trash, revisions, links, shares.
extension CloudDrive {
    /// The trash's top level (needs a session token from a password sign-in, REAL-SERVICE §1).
    public func trashList() async throws -> [Entry] {
        let m = try await cloud { try await client.trashList() }
        return (m.contents ?? []).map { Self.entry($0, parentPath: nil) }
    }

    public func revisions(of item: ItemRef) async throws -> [RevisionInfo] {
        let id = try await metadata(item).itemID
        return try await cloud { try await client.listRevisions(id).revisions }.map {
            RevisionInfo(revisionid: $0.revisionid, size: $0.size, hash: $0.hash,
                         created: Date(timeIntervalSince1970: TimeInterval($0.created)))
        }
    }

    public func publinks() async throws -> [PublinkInfo] {
        try await cloud { try await client.listPublinks() }.map(PublinkInfo.init)
    }

    public func uploadLinks() async throws -> [UploadLinkInfo] {
        try await cloud { try await client.listUploadLinks() }.map(UploadLinkInfo.init)
    }

    /// Established shares and pending offers, both directions.
    public func shares() async throws -> [ShareInfo] {
        let l = try await cloud { try await client.listShares() }
        return l.shares.outgoing.map { ShareInfo($0, incoming: false) } + l.requests.outgoing.map { ShareInfo($0, incoming: false) }
            + l.shares.incoming.map { ShareInfo($0, incoming: true) } + l.requests.incoming.map { ShareInfo($0, incoming: true) }
    }

    /// Signs in with the password to get the session token the trash needs; the password is
    /// not kept.
    public func signInForTrash(email: String, password: String) async throws {
        _ = try await cloud { try await client.signIn(email: email, password: password) }
    }

    /// A session token from a password sign-in made elsewhere (`TrashSignIn`), for the trash.
    public func useSessionToken(_ token: Secret) { client.setSessionToken(token.reveal) }
}
