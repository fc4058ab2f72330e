import Foundation
import PCloudAPI
import TOMLKit

/// `config.toml`: everything pcmd remembers except tokens (those live in `tokens.toml`).
/// Keys absent from the file take their defaults.
public struct Config: Codable, Sendable, Equatable {
    public var defaultProfile: String?
    public var theme: String?
    /// How remote paths are written on the command line (`pc:/Photos`).
    public var remotePrefix: String
    public var concurrency: Concurrency
    public var transfers: TransferSettings
    public var confirm: Confirm
    /// The OAuth app pcmd signs in as; `PCMD_CLIENT_ID`/`PCMD_CLIENT_SECRET` override.
    public var oauth: OAuthApp?
    /// Key → command overrides per context, kept as written for the TUI's keymap to read.
    public var keymap: KeymapConfig
    public var profiles: [String: Profile]

    public static let defaultRemotePrefix = "pc:"

    public init(defaultProfile: String? = nil, theme: String? = nil, remotePrefix: String = Config.defaultRemotePrefix,
                concurrency: Concurrency = Concurrency(), transfers: TransferSettings = TransferSettings(), confirm: Confirm = Confirm(),
                oauth: OAuthApp? = nil, keymap: KeymapConfig = [:], profiles: [String: Profile] = [:]) {
        self.defaultProfile = defaultProfile; self.theme = theme; self.remotePrefix = remotePrefix
        self.concurrency = concurrency; self.transfers = transfers; self.confirm = confirm; self.oauth = oauth; self.keymap = keymap
        self.profiles = profiles
    }

    // TOMLKit has no snake_case conversion (STACK-NOTES).
    enum CodingKeys: String, CodingKey {
        case defaultProfile = "default_profile", theme, remotePrefix = "remote_prefix", concurrency, transfers, confirm, oauth,
             keymap, profiles
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        defaultProfile = try c.decodeIfPresent(String.self, forKey: .defaultProfile)
        theme = try c.decodeIfPresent(String.self, forKey: .theme)
        remotePrefix = try c.decodeIfPresent(String.self, forKey: .remotePrefix) ?? Self.defaultRemotePrefix
        concurrency = try c.decodeIfPresent(Concurrency.self, forKey: .concurrency) ?? Concurrency()
        transfers = try c.decodeIfPresent(TransferSettings.self, forKey: .transfers) ?? TransferSettings()
        confirm = try c.decodeIfPresent(Confirm.self, forKey: .confirm) ?? Confirm()
        oauth = try c.decodeIfPresent(OAuthApp.self, forKey: .oauth)
        keymap = try c.decodeIfPresent(KeymapConfig.self, forKey: .keymap) ?? [:]
        profiles = try c.decodeIfPresent([String: Profile].self, forKey: .profiles) ?? [:]
    }

    /// The profile a command uses when none is named.
    public var fallbackProfile: String { defaultProfile ?? "default" }
}

/// How many things run at once.
public struct Concurrency: Codable, Sendable, Equatable {
    /// Jobs the queue runs in parallel.
    public var jobs: Int
    /// Files one transfer job sends or fetches in parallel.
    public var transfers: Int

    public init(jobs: Int = 2, transfers: Int = 4) { self.jobs = jobs; self.transfers = transfers }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Concurrency()
        jobs = max(1, try c.decodeIfPresent(Int.self, forKey: .jobs) ?? d.jobs)
        transfers = max(1, try c.decodeIfPresent(Int.self, forKey: .transfers) ?? d.transfers)
    }
}

/// `[transfers]`: how bytes flow.
public struct TransferSettings: Codable, Sendable, Equatable {
    /// The bandwidth limit as written (`10M`, `512k`, `off`): checked when read, kept as text.
    public var bwlimit: String?

    public init(bwlimit: String? = nil) { self.bwlimit = bwlimit }

    /// The limit it sets; nil for none.
    public var rate: BandwidthRate? { bwlimit.flatMap { BandwidthRate.parse($0) ?? nil } }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        bwlimit = try c.decodeIfPresent(String.self, forKey: .bwlimit)
        if let bwlimit, BandwidthRate.parse(bwlimit) == nil {
            throw DecodingError.dataCorruptedError(forKey: .bwlimit, in: c,
                                                   debugDescription: "[transfers] bwlimit “\(bwlimit)” is not a rate: try 10M, 512k or off")
        }
    }
}

/// Which actions ask before they run.
public struct Confirm: Codable, Sendable, Equatable {
    public var delete: Bool
    public var overwrite: Bool
    public var quit: Bool

    public init(delete: Bool = true, overwrite: Bool = true, quit: Bool = false) {
        self.delete = delete; self.overwrite = overwrite; self.quit = quit
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Confirm()
        delete = try c.decodeIfPresent(Bool.self, forKey: .delete) ?? d.delete
        overwrite = try c.decodeIfPresent(Bool.self, forKey: .overwrite) ?? d.overwrite
        quit = try c.decodeIfPresent(Bool.self, forKey: .quit) ?? d.quit
    }
}

/// An OAuth client registered with pCloud.
public struct OAuthApp: Codable, Sendable, Equatable {
    public var clientID: String
    public var clientSecret: String

    public init(clientID: String, clientSecret: String) { self.clientID = clientID; self.clientSecret = clientSecret }

    enum CodingKeys: String, CodingKey { case clientID = "client_id", clientSecret = "client_secret" }

    /// The sandbox's one registered client (printed when it starts).
    public static let sandbox = OAuthApp(clientID: "pcmd-sandbox", clientSecret: "pcmd-sandbox-secret")
}

/// One account: where its API lives and who it is. Its tokens are in `tokens.toml`.
public struct Profile: Codable, Sendable, Equatable {
    public enum Region: String, Codable, Sendable { case us, eu }

    public var region: Region?
    /// A custom API base URL (a sandbox); wins over `region`.
    public var api: String?
    public var email: String?
    /// A CA certificate to trust for `api` (a sandbox's `ca.pem`).
    public var caFile: String?
    /// Said plainly wherever the account is named.
    public var sandbox: Bool

    public init(region: Region? = nil, api: String? = nil, email: String? = nil, caFile: String? = nil,
                sandbox: Bool = false) {
        self.region = region; self.api = api; self.email = email; self.caFile = caFile; self.sandbox = sandbox
    }

    enum CodingKeys: String, CodingKey { case region, api, email, caFile = "ca_file", sandbox }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        region = try c.decodeIfPresent(Region.self, forKey: .region)
        api = try c.decodeIfPresent(String.self, forKey: .api)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        caFile = try c.decodeIfPresent(String.self, forKey: .caFile)
        sandbox = try c.decodeIfPresent(Bool.self, forKey: .sandbox) ?? false
    }

    public var endpoint: Endpoint {
        if let api, let url = URL(string: api) { return .custom(url) }
        return region == .eu ? .eu : .us
    }

    /// Records where an account lives: a region for pCloud, the URL for anything else.
    public mutating func set(endpoint: Endpoint) {
        switch endpoint {
        case .us: region = .us; api = nil
        case .eu: region = .eu; api = nil
        case .custom(let url): region = nil; api = url.absoluteString
        }
    }
}

extension Config {
    /// Reads `config.toml`; a missing file is the defaults. One that is there but cannot be read
    /// is an error: taken for the defaults, the next save (`pcmd login`) would write over it.
    public static func load(from folder: ConfigFolder) throws -> Config {
        let file = folder.configFile
        guard FileManager.default.fileExists(atPath: file.path) else { return Config() }
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw CommanderError(.local, "cannot read \(file.path): \(CommanderError.from(error).message)")
        }
        guard let text = String(bytes: data, encoding: .utf8) else {
            throw CommanderError(.local, "cannot read \(file.path): it is not UTF-8 text — save it as UTF-8")
        }
        do { return try TOMLDecoder().decode(Config.self, from: text) } catch {
            throw CommanderError(.local, "cannot read \(file.path): \(TOMLFile.problem(error))")
        }
    }

    public func save(to folder: ConfigFolder) throws {
        try folder.ensurePrivate()
        // Private like the tokens: it may hold the OAuth client secret.
        try Permissions.writePrivately(Data(try TOMLFile.encode(self).utf8), to: folder.configFile)
    }
}

enum TOMLFile {
    /// What a decoding error says, as the key and what is wrong with it ("theme: must be a
    /// string"); described as is, it is Swift's dump of the error's case and context.
    static func problem(_ error: any Error) -> String {
        guard let e = error as? DecodingError else { return "\(error)" }
        let context: DecodingError.Context, why: String
        switch e {
        case .keyNotFound(let key, let c):
            context = c
            // TOMLKit says a value of another kind this way: 'A "String" does not exist at "theme"'.
            let kind = c.debugDescription.range(of: #"(?<=A ")\w+(?=" does not exist)"#, options: .regularExpression)
            why = kind.map { "must be \(Self.kind(String(c.debugDescription[$0])))" } ?? "\(key.stringValue) is missing"
        case .typeMismatch(let type, let c): context = c; why = "must be \(Self.kind(String(describing: type)))"
        case .valueNotFound(_, let c), .dataCorrupted(let c): context = c; why = c.debugDescription
        @unknown default: return "\(error)"
        }
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        return path.isEmpty ? why : "\(path): \(why)"
    }

    /// A Swift type's name as a config file's writer thinks of it.
    static func kind(_ type: String) -> String {
        switch type {
        case "String": "a string in quotes"
        case "Bool": "true or false"
        case "Int", "Int64", "UInt", "UInt64": "a whole number"
        case "Double", "Float": "a number"
        default: "a " + type.lowercased()
        }
    }

    /// TOML with UTF-8 left as written (TOMLKit escapes non-ASCII unless told, STACK-NOTES).
    static func encode(_ value: some Encodable) throws -> String {
        do {
            return try TOMLEncoder(options: [.allowLiteralStrings, .allowMultilineStrings, .allowUnicodeStrings])
                .encode(value) + "\n"
        } catch {
            throw CommanderError(.local, "cannot encode settings: \(error)")
        }
    }
}
