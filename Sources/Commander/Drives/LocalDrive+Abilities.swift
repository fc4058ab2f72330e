import Foundation

/// The local disk: a trash (freedesktop), nothing of pCloud's links, shares or revisions.
extension LocalDrive {
    public var abilities: DriveAbilities { [.trash] }

    /// Names from readdir first (a big folder draws before its stats are in), then the details.
    public func list(_ folder: ItemRef, namesFirstFrom count: Int,
                     names: @escaping @Sendable ([Entry]) -> Void) async throws -> [Entry] {
        let found = try self.names(folder)
        if found.count >= count { names(found) }
        return try details(of: found, in: try path(folder))
    }

    public func text(_ item: ItemRef, limit: Int) async throws -> Data {
        let path = try path(item)
        guard let h = FileHandle(forReadingAtPath: path) else { throw CommanderError(.notFound, "cannot open \(path)") }
        defer { try? h.close() }
        return try h.read(upToCount: limit) ?? Data()
    }

    /// A walk of the disk, in batches (`LocalSearch`).
    public func search(_ query: FindQuery, under path: String) -> AsyncThrowingStream<FindBatch, any Error> {
        LocalSearch.run(query, in: path, drive: self)
    }
}
