import Foundation

extension PCloudClient {
    /// `search` (undocumented; the Python SDK's): files and folders whose names contain `query`.
    public func search(_ query: String, offset: Int = 0, limit: Int = 1000) async throws -> [Metadata] {
        struct R: Decodable { var items: [Metadata] }
        let p: Params = ["query": query, "offset": String(offset), "limit": String(limit)]
        return try await call("search", p, idempotent: true, as: R.self).items
    }
}
