import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import ServiceLifecycle

/// What a started sandbox tells its owner: where it listens and who can log in.
public struct SandboxInfo: Sendable {
    public struct DemoUser: Sendable {
        public let email: String
        public let password: String
        public let token: String
        /// The two-factor code, for the account that has two-factor login on.
        public let tfaCode: String?
    }
    public let httpURL: String?
    public let httpsURL: String?
    public let caPath: String?
    public let dataDir: String
    public let region: Region
    public let users: [DemoUser]
    public let oauthClientID: String
    public let oauthClientSecret: String
    public let faults: String

    /// The same as JSON, for scripts (`--ready-file`).
    public var json: JSON {
        var o = JSONObject()
        if let httpURL { o["http"] = .string(httpURL) }
        if let httpsURL { o["https"] = .string(httpsURL) }
        if let caPath { o["ca"] = .string(caPath) }
        o["data"] = .string(dataDir)
        o["region"] = .string(region.rawValue)
        o["oauth"] = .object([("client_id", .string(oauthClientID)), ("client_secret", .string(oauthClientSecret))])
        o["users"] = .array(users.map {
            var u = JSONObject([("email", .string($0.email)), ("password", .string($0.password)), ("token", .string($0.token))])
            if let code = $0.tfaCode { u["tfacode"] = .string(code) }
            return u.json
        })
        return o.json
    }
}

/// A running `pcmd sandbox`: HTTP and/or HTTPS listeners sharing one method table and store.
public final class Sandbox: Sendable {
    public let info: SandboxInfo
    private let group: ServiceGroup
    private let task: Task<Void, Error>

    private init(info: SandboxInfo, group: ServiceGroup, task: Task<Void, Error>) {
        self.info = info
        self.group = group
        self.task = task
    }

    /// Opens the store (seeding it on first use), starts the listeners and returns once every
    /// listener is bound. With `stopOnSignals`, SIGINT and SIGTERM stop it gracefully.
    public static func start(_ config: SandboxConfig, logger: Logger = Logger(label: "pcmd.sandbox"),
                             stopOnSignals: Bool = false) async throws -> Sandbox {
        let store = try Store(dataDir: config.dataDir)
        let users = try await DemoSeed.ensureUsers(store: store)
        if config.seedDemo { try await DemoSeed.ensureDemoTree(store: store, region: config.region) }
        if let quota = config.quota { try await DemoSeed.setQuota(quota, store: store) }
        let env = try SandboxEnv(store: store, config: config, logger: logger)
        let responder = SandboxResponder(env: env, methods: MethodTable.all, logger: logger)

        var certificates: SandboxCertificates?
        var apps: [any Service] = []
        let (ready, readyContinuation) = AsyncStream<(Bool, Int)>.makeStream()
        var expected = 0
        let http1 = HTTPServerBuilder.http1(configuration: .init(additionalChannelHandlers: [ExpectContinueHandler()]))
        if let https = config.https {
            let certs = try SandboxCertificates.ensure(in: config.dataDir)
            certificates = certs
            // Build the TLS configuration up front: a certificate NIOSSL rejects must fail here,
            // not after the HTTP listener is already up.
            let tls = try certs.serverConfiguration()
            apps.append(Application(
                responder: responder, server: try .tls(http1, tlsConfiguration: tls),
                configuration: .init(address: .hostname(https.host, port: https.port), serverName: "pcmd-sandbox"),
                onServerRunning: { channel in readyContinuation.yield((true, channel.localAddress?.port ?? 0)) },
                logger: logger))
            expected += 1
        }
        if let http = config.http {
            apps.append(Application(
                responder: responder, server: http1,
                configuration: .init(address: .hostname(http.host, port: http.port), serverName: "pcmd-sandbox"),
                onServerRunning: { channel in readyContinuation.yield((false, channel.localAddress?.port ?? 0)) },
                logger: logger))
            expected += 1
        }
        guard expected > 0 else { throw SandboxError.noListener }

        let group = ServiceGroup(configuration: .init(services: apps, gracefulShutdownSignals: stopOnSignals ? [.sigterm, .sigint] : [], logger: logger))
        let task = Task {
            defer { readyContinuation.finish() }
            try await group.run()
        }
        var httpPort: Int?, httpsPort: Int?
        for await (tls, port) in ready {
            if tls { httpsPort = port; env.bound(https: port) } else { httpPort = port; env.bound(http: port) }
            expected -= 1
            if expected == 0 { break }
        }
        if expected > 0 {
            task.cancel()
            throw SandboxError.listenFailed
        }
        func url(_ scheme: String, _ host: String?, _ port: Int?) -> String? {
            guard let host, let port else { return nil }
            return "\(scheme)://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        }
        let info = SandboxInfo(
            httpURL: url("http", config.http?.host, httpPort), httpsURL: url("https", config.https?.host, httpsPort),
            caPath: certificates?.caPath, dataDir: config.dataDir.path, region: config.region, users: users,
            oauthClientID: OAuth.clientID, oauthClientSecret: OAuth.clientSecret, faults: config.faults.spec)
        return Sandbox(info: info, group: group, task: task)
    }

    /// Stops the listeners and waits for them to finish.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    /// Waits until the sandbox stops.
    public func wait() async throws {
        try await task.value
    }
}

public enum SandboxError: Error, CustomStringConvertible {
    case noListener, listenFailed
    public var description: String {
        switch self {
        case .noListener: return "nothing to listen on: give --http and/or --https"
        case .listenFailed: return "a listener could not be started (is the port in use?)"
        }
    }
}
