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
}

extension Drive {
    /// The entry named `name` in `folder`, if any.
    func child(_ name: String, of folder: ItemRef) async throws -> Entry? {
        try await list(folder).first { $0.name == name }
    }

    /// Same drive object, so same-drive operations apply.
    func isSame(_ other: any Drive) -> Bool { self === other }
}
