import Foundation

extension CloudDrive {
    /// Entries under the folder at `path` that `query` accepts, from the index (built on first
    /// use, or when the folder lies outside what it holds).
    public func find(_ query: FindQuery, under path: String) async throws -> [Entry] {
        let id: Int
        if let known = await index.folderID(at: path) { id = known } else { id = try await folderID(.path(path)) }
        return try await index.find(query, in: id, path: path)
    }
}
