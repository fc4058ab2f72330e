import Foundation

/// What a drive offers beyond files and folders. Callers (the TUI's screens and commands) ask
/// a drive what it can do instead of checking whether it is a `LocalDrive` or a `CloudDrive`.
public struct DriveAbilities: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// A trash to list, restore from and empty.
    public static let trash = DriveAbilities(rawValue: 1 << 0)
    /// Earlier contents of a file, kept by the server.
    public static let revisions = DriveAbilities(rawValue: 1 << 1)
    /// Public links to files, folders and sets of items.
    public static let publicLinks = DriveAbilities(rawValue: 1 << 2)
    /// Links others can upload into.
    public static let uploadLinks = DriveAbilities(rawValue: 1 << 3)
    /// Folders offered to other people by e-mail.
    public static let shares = DriveAbilities(rawValue: 1 << 4)
    /// Thumbnails of images made by the server.
    public static let thumbnails = DriveAbilities(rawValue: 1 << 5)
    /// Files the server fetches from web URLs (remote upload).
    public static let fetchURLs = DriveAbilities(rawValue: 1 << 6)
}

/// Matches of a find, as they come: a walk of the disk yields many batches, an index one.
public struct FindBatch: Sendable {
    public var found: [Entry] = []
    /// Folders that could not be read, with why; the walk goes on without them.
    public var skipped: [(path: String, reason: String)] = []
    public init(found: [Entry] = [], skipped: [(path: String, reason: String)] = []) { self.found = found; self.skipped = skipped }
}

/// What a drive without an ability answers: plainly unsupported, never a crash.
extension Drive {
    public func trashList() async throws -> [Entry] { throw unsupported("a trash") }
    public func folderPlaces(_ folderids: Set<Int>) async -> [Int: FolderPlace] { [:] }
    public func revisions(of item: ItemRef) async throws -> [RevisionInfo] { throw unsupported("revisions") }
    public func thumbnail(_ item: ItemRef, width: Int, height: Int) async throws -> Data { throw unsupported("thumbnails") }
    public func list(_ folder: ItemRef, namesFirstFrom count: Int,
                     names: @escaping @Sendable ([Entry]) -> Void) async throws -> [Entry] {
        try await list(folder)
    }

    private func unsupported(_ what: String) -> CommanderError {
        CommanderError(.unsupported, "\(displayName) has no \(what)")
    }
}
