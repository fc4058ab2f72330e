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
    func order(_ entries: [Entry], _ indices: [Int]) -> [Int] {
        let names = entries.map { Array($0.name.lowercased().utf8) }
        func nameLess(_ a: Int, _ b: Int) -> Bool {
            names[a].lexicographicallyPrecedes(names[b])
        }
        let exts: [String] = key == .extension ? entries.map { ($0.name as NSString).pathExtension.lowercased() } : []
        return indices.sorted { a, b in
            let ea = entries[a], eb = entries[b]
            if foldersFirst, ea.isFolder != eb.isFolder { return ea.isFolder }
            let less: Bool
            switch key {
            case .name: less = nameLess(a, b)
            case .size: less = ea.size != eb.size ? ea.size < eb.size : nameLess(a, b)
            case .modified: less = ea.modified != eb.modified ? ea.modified < eb.modified : nameLess(a, b)
            case .extension: less = exts[a] != exts[b] ? exts[a] < exts[b] : nameLess(a, b)
            }
            if reverse {
                // Reverse the key, not the folders-first rule.
                let greater: Bool = switch key {
                case .name: nameLess(b, a)
                case .size: ea.size != eb.size ? ea.size > eb.size : nameLess(b, a)
                case .modified: ea.modified != eb.modified ? ea.modified > eb.modified : nameLess(b, a)
                case .extension: exts[a] != exts[b] ? exts[a] > exts[b] : nameLess(b, a)
                }
                return greater
            }
            return less
        }
    }
}
