import Commander
import Foundation

/// How a pane orders its entries (mc's sort dialog: key, reverse, folders first).
public struct SortOrder: Hashable, Sendable {
    public enum Key: String, CaseIterable, Sendable { case name, size, modified, `extension` }
    public var key: Key = .name
    public var reverse = false
    public var foldersFirst = true

    /// Indices of `entries` in this order. Names compare by their lowercased UTF-8 bytes,
    /// computed once per entry: 100,000 entries sort in tens of milliseconds.
    /// `byPath`: find results order by where they are, then by name.
    func order(_ entries: [Entry], _ indices: [Int], byPath: Bool = false) -> [Int] {
        // Keys computed once per entry; the comparator touches only these arrays (copying an
        // Entry per comparison was most of the cost on 100,000 entries).
        let names = entries.map { Array(((byPath ? $0.path : nil) ?? $0.name).lowercased().utf8) }
        let folders = entries.map { foldersFirst && $0.isFolder }
        let sizes = key == .size ? entries.map(\.size) : []
        let dates = key == .modified ? entries.map { $0.modified.timeIntervalSince1970 } : []
        let exts = key == .extension ? entries.map { Array(($0.name as NSString).pathExtension.lowercased().utf8) } : []
        func ascending(_ a: Int, _ b: Int) -> Bool {
            switch key {
            case .size where sizes[a] != sizes[b]: return sizes[a] < sizes[b]
            case .modified where dates[a] != dates[b]: return dates[a] < dates[b]
            case .extension where exts[a] != exts[b]: return Self.precedes(exts[a], exts[b])
            default: return Self.precedes(names[a], names[b])
            }
        }
        let reverse = reverse
        return indices.sorted { a, b in
            if folders[a] != folders[b] { return folders[a] }
            // Reverse the key, not the folders-first rule.
            return reverse ? ascending(b, a) : ascending(a, b)
        }
    }

    /// Byte order by memcmp: the generic lexicographicallyPrecedes was a tenth of listing a
    /// 100,000-entry folder.
    @inline(__always)
    static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let n = min(a.count, b.count)
        let c = n == 0 ? 0 : a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in memcmp(x.baseAddress!, y.baseAddress!, n) } }
        return c != 0 ? c < 0 : a.count < b.count
    }
}
