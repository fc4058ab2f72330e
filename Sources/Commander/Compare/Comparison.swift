import Foundation

/// How two folders are compared.
public struct CompareOptions: Sendable, Hashable {
    public enum Mode: String, Sendable, Hashable {
        /// Name, size and modified time: no file is read.
        case quick
        /// Name, size and content: the local SHA-1 (or the digest pCloud's region gives) against
        /// `checksumfile`; nothing is downloaded.
        case thorough
    }
    public var mode: Mode
    /// Subfolders too: the local walk and the cloud's recursive listing (REAL-SERVICE §6).
    public var recursive: Bool

    public init(mode: Mode = .quick, recursive: Bool = false) { self.mode = mode; self.recursive = recursive }

    /// Modified times closer than this are the same: pCloud keeps whole seconds and an upload
    /// sends the local time truncated.
    public static let mtimeTolerance: TimeInterval = 1
}

/// One path of a compare and what was found there.
public struct ComparedItem: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case onlyLeft, onlyRight, differs, identical
    }
    /// Why two items of the same path differ.
    public enum Reason: String, Sendable, Hashable {
        /// A file on one side, a folder on the other.
        case kind, size, mtime, content
    }

    /// Relative to the compared folders, "/"-separated (`sub/a.txt`).
    public var path: String
    public var status: Status
    public var reason: Reason?
    public var left: Entry?
    public var right: Entry?

    /// The first component: the entry in the compared folder that holds this item.
    public var topLevel: String { String(path.prefix { $0 != "/" }) }
    /// The folder part of `path` ("" in the compared folder itself).
    public var folder: String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Present on that side and missing or different on the other: what a copy from it sends.
    public func isDifference(from side: CompareSide) -> Bool {
        switch status {
        case .differs: true
        case .onlyLeft: side == .left
        case .onlyRight: side == .right
        case .identical: false
        }
    }

    public func entry(on side: CompareSide) -> Entry? { side == .left ? left : right }
}

public enum CompareSide: Sendable, Hashable { case left, right }

/// Something a compare could not look at (an unreadable folder, a link, an encrypted folder):
/// listed, not fatal.
public struct SkippedItem: Sendable, Hashable {
    public var side: CompareSide
    public var path: String
    public var reason: String
}

/// The answer of a compare: every path found, by status, in path order.
public struct Comparison: Sendable, Hashable {
    public var options: CompareOptions
    public var items: [ComparedItem]
    public var skipped: [SkippedItem]

    public var differences: [ComparedItem] { items.filter { $0.status != .identical } }
    public func count(_ status: ComparedItem.Status) -> Int { items.reduce(0) { $0 + ($1.status == status ? 1 : 0) } }
    public var isIdentical: Bool { items.allSatisfy { $0.status == .identical } }

    /// The names in the compared folder that are, or hold, a difference present on `side`
    /// (what a pane marks): the entries themselves, or in a recursive compare their top folders.
    public func marked(on side: CompareSide) -> Set<String> {
        Set(items.filter { $0.status != .identical && $0.entry(on: side) != nil }.map(\.topLevel))
    }

    /// What a copy from `side` sends: the differences present there, in the marked top-level
    /// entries `within` (all when nil).
    public func toSend(from side: CompareSide, within names: Set<String>? = nil) -> [ComparedItem] {
        items.filter { $0.isDifference(from: side) && (names?.contains($0.topLevel) ?? true) }
    }
}
