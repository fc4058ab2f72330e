import Foundation
import TOMLKit

/// A token as pcmd holds it: printing or logging one shows a placeholder, never the secret.
public struct Secret: Codable, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret itself, for the one place that sends it (the client's credentials).
    public let reveal: String

    public init(_ value: String) { reveal = value }

    public init(from decoder: any Decoder) throws { reveal = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(reveal)
    }

    public var description: String { "‹token›" }
    public var debugDescription: String { "‹token›" }
}

/// A profile's tokens. Both may be present: the OAuth token for everything, a session token
/// from a password sign-in for the trash, which pCloud refuses to OAuth (REAL-SERVICE §1).
public struct ProfileTokens: Codable, Sendable, Hashable {
    public var oauth: Secret?
    public var session: Secret?

    public init(oauth: Secret? = nil, session: Secret? = nil) { self.oauth = oauth; self.session = session }

    enum CodingKeys: String, CodingKey { case oauth = "oauth_token", session = "session_token" }

    public var isEmpty: Bool { oauth == nil && session == nil }
}

/// `tokens.toml`, mode 0600 in the 0700 config folder: one table per profile.
public struct TokenFile: Codable, Sendable, Hashable {
    public var profiles: [String: ProfileTokens]

    public init(profiles: [String: ProfileTokens] = [:]) { self.profiles = profiles }

    public init(from decoder: any Decoder) throws {
        // After the last logout the file has no table left.
        let c = try decoder.container(keyedBy: CodingKeys.self)
        profiles = try c.decodeIfPresent([String: ProfileTokens].self, forKey: .profiles) ?? [:]
    }

    /// Reads the tokens, refusing a file that others can read: its tokens may already be out.
    public static func load(from folder: ConfigFolder) throws -> TokenFile {
        let file = folder.tokensFile
        guard FileManager.default.fileExists(atPath: file.path) else { return TokenFile() }
        let mode = try Permissions.mode(of: file)
        guard mode & 0o077 == 0 else {
            throw CommanderError(.local, """
                \(file.path) can be read by other users (mode \(String(mode, radix: 8))), so pcmd will not use it. \
                Run `chmod 600 \(file.path)`, and consider `pcmd logout` and a new login if others may have read it.
                """, category: .auth)
        }
        do {
            let text = try String(contentsOf: file, encoding: .utf8)
            return try TOMLDecoder().decode(TokenFile.self, from: text)
        } catch {
            throw CommanderError(.local, "cannot read \(file.path): \(error.localizedDescription)", category: .auth)
        }
    }

    public func save(to folder: ConfigFolder) throws {
        try folder.ensurePrivate()
        var kept = self
        kept.profiles = profiles.filter { !$0.value.isEmpty }
        try Permissions.writePrivately(Data(try TOMLFile.encode(kept).utf8), to: folder.tokensFile)
    }
}
