import Foundation

/// One browsable storage: the local disk or one pCloud account. The planner works on these
/// primitives; transfers between two drives live in `Planner/`.
public protocol Drive: AnyObject, Sendable {
    /// Shown in pane titles and job titles.
    var displayName: String { get }
    var root: ItemRef { get }

    func list(_ folder: ItemRef) async throws -> [Entry]
    /// Throws `.notFound` when the item does not exist.
    func stat(_ item: ItemRef) async throws -> Entry
    func mkdir(_ name: String, in folder: ItemRef) async throws -> Entry
    /// Creates the folder or returns the existing one (safe to repeat on retry).
    func ensureFolder(_ name: String, in folder: ItemRef) async throws -> Entry
    /// Renames in place; an existing item of that name is an `.exists` error.
    func rename(_ item: ItemRef, to name: String) async throws -> Entry
    /// To the trash (pCloud's, or the freedesktop trash on disk) unless `permanent`.
    func delete(_ item: ItemRef, permanent: Bool) async throws
    /// SHA-1 of a file's content, lowercase hex.
    func checksum(_ item: ItemRef) async throws -> String
    /// Copy within this drive (server-side in the cloud). Files replace a same-named file only
    /// with `overwrite`; folders must not exist at the target.
    func copy(_ item: ItemRef, into folder: ItemRef, as name: String, overwrite: Bool,
              progress: (@Sendable (Int64) -> Void)?) async throws -> Entry
    /// Move within this drive (a rename, server-side in the cloud).
    func move(_ item: ItemRef, into folder: ItemRef, as name: String, overwrite: Bool) async throws -> Entry

    // What only some drives can do: callers ask `abilities` (DriveAbilities.swift has the
    // answers of a drive without one).
    var abilities: DriveAbilities { get }
    /// A folder's entries; where names come much sooner than details (a big folder on disk),
    /// `names` gets them first once there are at least `count`.
    func list(_ folder: ItemRef, namesFirstFrom count: Int, names: @escaping @Sendable ([Entry]) -> Void) async throws -> [Entry]
    /// The start of a file, at most `limit` bytes.
    func text(_ item: ItemRef, limit: Int) async throws -> Data
    /// Matches of `query` under the folder at `path`, in batches as they are found.
    func search(_ query: FindQuery, under path: String) -> AsyncThrowingStream<FindBatch, any Error>
    /// The trash's top level.
    func trashList() async throws -> [Entry]
    /// Where folders known only by id are (a trashed item's `origparentfolderid`).
    func folderPlaces(_ folderids: Set<Int>) async -> [Int: FolderPlace]
    func revisions(of item: ItemRef) async throws -> [RevisionInfo]
    /// A PNG thumbnail of an image, at most `width`×`height` pixels.
    func thumbnail(_ item: ItemRef, width: Int, height: Int) async throws -> Data
}

extension Drive {
    /// The entry named `name` in `folder`, if any.
    func child(_ name: String, of folder: ItemRef) async throws -> Entry? {
        try await list(folder).first { $0.name == name }
    }

    /// Same drive object, so same-drive operations apply.
    func isSame(_ other: any Drive) -> Bool { self === other }
}
