import Logging
import NIOConcurrencyHelpers

/// State shared by every request of one running sandbox.
final class SandboxEnv: Sendable {
    let store: Store
    let config: SandboxConfig
    let digests = DigestBook()
    let uploads = ProgressBoard<UploadProgress>()
    let linkUploads = ProgressBoard<UploadProgress>()
    /// `downloadfile(async)` jobs; `uploadprogress` answers from here too.
    let urlUploads = ProgressBoard<URLUploadProgress>()
    let zips = ProgressBoard<ZipProgress>()
    let extractions = ProgressBoard<ExtractProgress>()
    let authenticator: Authenticator
    let oauthCodes = OAuth.Codes()
    let descriptors = Descriptors()
    let uploadSessions = UploadSessionHashes()
    private let boundPorts = NIOLockedValueBox<(http: Int?, https: Int?)>((nil, nil))

    let faults: Faults
    let traffic = Traffic()
    let requestLog: RequestLog?

    init(store: Store, config: SandboxConfig, logger: Logger) throws {
        self.store = store
        self.config = config
        authenticator = Authenticator(store: store, digests: digests)
        faults = Faults(config.faults, logger: logger)
        requestLog = try config.requestLog.map(RequestLog.init)
    }

    var ports: (http: Int?, https: Int?) { boundPorts.withLockedValue { $0 } }

    func bound(http: Int? = nil, https: Int? = nil) {
        boundPorts.withLockedValue { p in
            if let http { p.http = http }
            if let https { p.https = https }
        }
    }

    /// `host:port` for content links: clients build `https://` + host, so the HTTPS port is
    /// given whenever TLS is on, whichever port the request came in on (DESIGN.md).
    func contentHost(for origin: Origin) -> String {
        let port = ports.https ?? ports.http ?? origin.localPort
        let host = origin.hostName.contains(":") ? "[\(origin.hostName)]" : origin.hostName
        return "\(host):\(port)"
    }

    /// pCloud's data centre number: 1 US, 2 EU.
    var locationID: Int64 { config.region == .eu ? 2 : 1 }

    var contentScheme: String { ports.https != nil ? "https" : "http" }
}
