import Foundation

/// A transfer action as data, enough to plan its job again in another process: drives by side
/// (this computer, or the pCloud account of a profile), items by id or path with their names.
/// Only transfers are kept; the other actions finish in a request or two and are not resumed.
public enum StoredAction: Codable, Sendable, Hashable {
    case copy(StoredItem, into: StoredItem, name: String?, move: Bool)

    /// Where an item lives.
    public enum Side: Codable, Sendable, Hashable {
        case local
        /// The account's profile name, as the queue was told it (nil: the default).
        case cloud(profile: String?)
    }

    public struct StoredItem: Codable, Sendable, Hashable {
        public var side: Side
        public var ref: ItemRef
        public var name: String?
    }

    /// The drives a stored action is planned on again.
    public struct Drives: Sendable {
        public let local: any Drive
        public let cloud: any Drive
        public init(local: any Drive, cloud: any Drive) { self.local = local; self.cloud = cloud }
    }

    /// One entry per job `Planner.plan(action)` makes, in its order; nil for a job that is not
    /// a transfer (or has an item on a drive of neither side).
    static func perJob(_ action: Action, profile: String?) -> [StoredAction?] {
        func stored(_ item: Item) -> StoredItem? {
            let side: Side
            switch item.drive {
            case is LocalDrive: side = .local
            case is CloudDrive: side = .cloud(profile: profile)
            default: return nil
            }
            return StoredItem(side: side, ref: item.ref, name: item.name)
        }
        func copy(_ item: Item, _ into: Item, _ name: String?, _ move: Bool) -> StoredAction? {
            guard let a = stored(item), let b = stored(into) else { return nil }
            return .copy(a, into: b, name: name, move: move)
        }
        switch action {
        case .copy(let items, let into): return items.map { copy($0, into, nil, false) }
        case .move(let items, let into): return items.map { copy($0, into, nil, true) }
        case .copyAs(let item, let into, let name, let move): return [copy(item, into, name, move)]
        default: return []
        }
    }

    /// The profiles of its cloud items: resumed on another account, an id would name another file.
    public var cloudProfiles: [String?] {
        switch self {
        case .copy(let a, let b, _, _):
            return [a.side, b.side].compactMap { if case .cloud(let p) = $0 { p } else { nil } }
        }
    }

    /// A local item the job needs that is no longer there.
    public enum GoneLocally: Sendable, Hashable {
        /// The folder it copies into.
        case target(String)
        case source(String)
    }

    /// What of its local side is gone: planned again, the job would fail on a listing error
    /// that does not say whose folder it was.
    public var goneLocally: GoneLocally? {
        switch self {
        case .copy(let source, let into, _, _):
            if into.side == .local, case .path(let p) = into.ref, !LocalDrive.isFolder(p) { return .target(p) }
            if source.side == .local, case .path(let p) = source.ref, !LocalDrive.exists(p) { return .source(p) }
            return nil
        }
    }

    /// The action again, on `drives`; it plans to exactly one job.
    public func action(on drives: Drives) -> Action {
        func item(_ s: StoredItem) -> Item {
            Item(s.side == .local ? drives.local : drives.cloud, s.ref, name: s.name)
        }
        switch self {
        case .copy(let source, let into, let name?, let move): return .copyAs(item(source), into: item(into), name: name, move: move)
        case .copy(let source, let into, nil, true): return .move([item(source)], into: item(into))
        case .copy(let source, let into, nil, false): return .copy([item(source)], into: item(into))
        }
    }

}
