import Foundation

extension PCloudClient {
    public func userinfo() async throws -> UserInfo {
        try await call("userinfo", idempotent: true)
    }

    /// Nearest API front ends; falls back to this client's own host when the call fails.
    public func apiServers() async -> [String] {
        if let servers = try? await call("getapiserver", auth: .none, idempotent: true, as: APIServers.self),
           !servers.api.isEmpty {
            return servers.api
        }
        return [endpoint.baseURL.host.map { h in endpoint.baseURL.port.map { "\(h):\($0)" } ?? h } ?? ""]
    }

    /// A client on the nearest front end if it answers, else this one (README §1).
    public func nearest() async -> PCloudClient {
        for host in await apiServers() {
            guard let candidate = try? on(host: host) else { continue }
            if (try? await candidate.call("getip", auth: .none, idempotent: false, as: Empty.self)) != nil {
                return candidate
            }
        }
        return self
    }

    public func currentServer() async throws -> CurrentServer {
        try await call("currentserver", auth: .none, idempotent: true)
    }

    /// The client to poll progress with: the same host as the operation (flows.md §1). A custom
    /// endpoint (the sandbox) is a single host already.
    public func progressHost() async throws -> PCloudClient {
        if case .custom = endpoint { return self }
        return try on(host: try await currentServer().hostname)
    }

    public struct IPInfo: Decodable, Sendable { public var ip: String }
    public func getip() async throws -> IPInfo {
        try await call("getip", auth: .none, idempotent: true)
    }
}
