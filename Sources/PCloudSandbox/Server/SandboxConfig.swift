import Foundation
import HomeFolders

/// Where and how `pcmd sandbox` runs.
public struct SandboxConfig: Sendable {
    public struct Endpoint: Sendable, Equatable {
        public var host: String
        public var port: Int
        public init(host: String, port: Int) { self.host = host; self.port = port }

        /// `HOST:PORT`, `:PORT`, `PORT` or `[::1]:PORT`; the host defaults to loopback.
        public init?(parsing text: String) {
            var host = "127.0.0.1", portText = text
            if let colon = text.lastIndex(of: ":") {
                let h = String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                if !h.isEmpty { host = h }
                portText = String(text[text.index(after: colon)...])
            }
            guard let port = Int(portText), (0...65535).contains(port) else { return nil }
            self.init(host: host, port: port)
        }
    }

    public var dataDir: URL
    public var http: Endpoint?
    public var https: Endpoint?
    public var region: Region
    public var seedDemo: Bool
    /// How long a content link from `getfilelink` lives.
    public var contentLinkLifetime: Int64
    /// Upper bound for `diff` with `block=1` (the live service holds it about a minute).
    public var diffBlockSeconds: Double
    /// A recursive `listfolder` over more entries or deeper than this answers 5000, as the live
    /// service does (REAL-SERVICE.md §6); the root is never listed recursively.
    public var recursiveListLimit: Int = 1_000_000
    public var recursiveListDepth: Int = 40
    /// Faults to inject from the start (also settable at run time).
    public var faults = FaultPlan()
    /// Every user's storage quota, when not the demo default (tests of over-quota paths).
    public var quota: Int64?
    /// Where to write the JSON-lines request log, if anywhere.
    public var requestLog: URL?

    public init(dataDir: URL, http: Endpoint? = Endpoint(host: "127.0.0.1", port: 0),
                https: Endpoint? = Endpoint(host: "127.0.0.1", port: 0), region: Region = .us,
                seedDemo: Bool = false, contentLinkLifetime: Int64 = 4 * 3600, diffBlockSeconds: Double = 60) {
        self.dataDir = dataDir
        self.http = http
        self.https = https
        self.region = region
        self.seedDemo = seedDemo
        self.contentLinkLifetime = contentLinkLifetime
        self.diffBlockSeconds = diffBlockSeconds
    }

    public static var defaultDataDir: URL {
        HomeFolders().data.appendingPathComponent("pcmd/sandbox")
    }
}
