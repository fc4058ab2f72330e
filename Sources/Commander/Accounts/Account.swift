import Foundation
import PCloudAPI

/// One signed-in account as a command reaches it: its profile (where, who) and its tokens.
public struct Account: Sendable {
    /// The profile's name; nil when the token came from `PCMD_TOKEN`.
    public let profileName: String?
    public var profile: Profile
    public var tokens: ProfileTokens

    public init(profileName: String?, profile: Profile, tokens: ProfileTokens) {
        self.profileName = profileName; self.profile = profile; self.tokens = tokens
    }

    public var isSandbox: Bool { profile.sandbox }

    /// A client signed with both tokens: OAuth as the Bearer header, the session token where
    /// pCloud insists on one (the trash).
    public func client() throws -> PCloudClient {
        do {
            return try PCloudClient(endpoint: profile.endpoint,
                                    credentials: Credentials(oauthToken: tokens.oauth?.reveal,
                                                             sessionToken: tokens.session?.reveal),
                                    config: TransportConfig(caFile: profile.caFile))
        } catch { throw CommanderError.from(error) }
    }

    /// Where the account lives, in words: `SANDBOX https://…`, `pCloud EU`, `pCloud US`.
    public var endpointName: String {
        let base: String = switch profile.endpoint {
        case .us: "pCloud US (api.pcloud.com)"
        case .eu: "pCloud EU (eapi.pcloud.com)"
        case .custom(let url): url.absoluteString
        }
        return isSandbox ? "SANDBOX \(base)" : base
    }
}

/// What the command line says about the account to use (`--profile`, `--sandbox`, `--ca-file`).
public struct AccountChoice: Sendable {
    public var profile: String?
    public var sandbox: String?
    public var caFile: String?

    public init(profile: String? = nil, sandbox: String? = nil, caFile: String? = nil) {
        self.profile = profile; self.sandbox = sandbox; self.caFile = caFile
    }
}

/// The config folder's settings and tokens, and how a command's choice becomes an account.
public struct Accounts: Sendable {
    public let folder: ConfigFolder
    public var config: Config
    public let environment: [String: String]

    public static func open(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Accounts {
        let folder = ConfigFolder(environment: environment)
        return Accounts(folder: folder, config: try Config.load(from: folder), environment: environment)
    }

    func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }

    /// `--sandbox`, else `PCMD_SANDBOX`.
    public func sandboxURL(_ choice: AccountChoice) -> String? { choice.sandbox ?? env("PCMD_SANDBOX") }

    /// The profile a choice names: `--profile`; else for a sandbox the default profile if it is
    /// a sandbox one, else "sandbox"; else the config's default.
    public func profileName(_ choice: AccountChoice) -> String {
        if let name = choice.profile { return name }
        guard sandboxURL(choice) != nil else { return config.fallbackProfile }
        if let name = config.defaultProfile, config.profiles[name]?.sandbox == true { return name }
        return "sandbox"
    }

    /// The profile as this command sees it: stored settings with the command line's sandbox
    /// and CA file laid over them.
    public func profile(_ choice: AccountChoice) throws -> Profile {
        let name = profileName(choice)
        var profile = config.profiles[name] ?? Profile()
        if let url = sandboxURL(choice) {
            guard let parsed = URL(string: url), parsed.scheme != nil else {
                throw CommanderError(.local, "--sandbox wants a URL such as https://127.0.0.1:8781, not \(url)")
            }
            profile.set(endpoint: .custom(parsed))
            profile.sandbox = true
        } else if env("PCMD_TOKEN") != nil, let api = env("PCMD_API"), let url = URL(string: api) {
            profile.set(endpoint: .custom(url))
        }
        if let ca = choice.caFile ?? env("PCMD_CA_FILE") { profile.caFile = ca }
        return profile
    }

    /// The account a command works on: `PCMD_TOKEN` first (scripts), else the profile's
    /// stored tokens.
    public func account(_ choice: AccountChoice) throws -> Account {
        let name = profileName(choice)
        let profile = try profile(choice)
        if let token = env("PCMD_TOKEN") {
            return Account(profileName: nil, profile: profile, tokens: ProfileTokens(oauth: Secret(token)))
        }
        let tokens = try TokenFile.load(from: folder).profiles[name] ?? ProfileTokens()
        guard !tokens.isEmpty else {
            // Nothing set up at all: said as the file manager greets a newcomer, who may have
            // seen its demo and expect it here.
            if config.profiles.isEmpty, choice.profile == nil, sandboxURL(choice) == nil {
                throw CommanderError(.cloud, "not signed in", category: .auth, hint: "`pcmd login` connects your pCloud account; "
                                     + "until then `pcmd` opens the file manager on demo data (a local pCloud-compatible server, not your pCloud)")
            }
            let how = sandboxURL(choice) != nil ? "pcmd login --sandbox URL" : "pcmd login"
            throw CommanderError(.cloud, "not signed in (profile \"\(name)\"): run `\(how)\(choice.profile.map { " --profile \($0)" } ?? "")`",
                                 category: .auth)
        }
        // A real account's tokens never go to a sandbox (or any other host) named on the command line.
        if sandboxURL(choice) != nil, config.profiles[name]?.sandbox != true {
            throw CommanderError(.cloud, "profile \"\(name)\" is a pCloud account: its tokens are not sent to a sandbox; "
                                 + "use another --profile for the sandbox", category: .auth)
        }
        return Account(profileName: name, profile: profile, tokens: tokens)
    }

    /// Stores a profile and its tokens; the first profile stored becomes the default.
    public mutating func save(profile: Profile, tokens: ProfileTokens, as name: String) throws {
        var file = try TokenFile.load(from: folder)
        file.profiles[name] = tokens
        try file.save(to: folder)
        let before = config
        config.profiles[name] = profile
        if config.defaultProfile == nil { config.defaultProfile = name }
        // Rewriting loses the file's comments, so only a change is written.
        if config != before || !FileManager.default.fileExists(atPath: folder.configFile.path) {
            try config.save(to: folder)
        }
    }

    /// The stored tokens of a profile (none when it has not signed in).
    public func storedTokens(_ name: String) throws -> ProfileTokens {
        try TokenFile.load(from: folder).profiles[name] ?? ProfileTokens()
    }

    /// Drops a profile's tokens; the profile's settings stay for the next login.
    public func forgetTokens(_ name: String) throws {
        var file = try TokenFile.load(from: folder)
        file.profiles[name] = nil
        try file.save(to: folder)
    }
}
