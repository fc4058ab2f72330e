import Commander
import Foundation

/// How a pane orders its entries (mc's sort dialog: key, reverse, folders first).
public struct SortOrder: Hashable, Sendable {
    public enum Key: String, CaseIterable, Sendable { case name, size, modified, `extension` }
    public var key: Key = .name
    public var reverse = false
    public var foldersFirst = true
    /// Digit runs compare by value (`f2` before `f10`), as yazi and most file browsers do;
    /// off, names compare byte by byte (`f10` before `f2`).
    public var natural = true

    /// Indices of `entries` in this order. Names compare by their lowercased UTF-8 bytes,
    /// computed once per entry: 100,000 entries sort in tens of milliseconds. Names equal but
    /// for case fall back to their own bytes, so the same list always shows the same way.
    /// `byPath`: find results order by where they are, then by name.
    func order(_ entries: [Entry], _ indices: [Int], byPath: Bool = false) -> [Int] {
        // Keys computed once per entry, into one buffer (an array and a lowercased String per
        // name slowed the first frame of a 100,000-entry folder); the comparator touches only these.
        var names = Keys(natural: natural, count: entries.count)
        for e in entries { names.append((byPath ? e.path : nil) ?? e.name) }
        var exts = Keys(natural: natural, count: key == .extension ? entries.count : 0)
        if key == .extension { for e in entries { exts.append((e.name as NSString).pathExtension) } }
        let folders = entries.map { foldersFirst && $0.isFolder }
        let sizes = key == .size ? entries.map(\.size) : []
        let dates = key == .modified ? entries.map { $0.modified.timeIntervalSince1970 } : []
        let key = key, reverse = reverse
        return names.bytes.withUnsafeBufferPointer { nameBytes in
            exts.bytes.withUnsafeBufferPointer { extBytes in
                func ascending(_ a: Int, _ b: Int) -> Bool {
                    switch key {
                    case .size where sizes[a] != sizes[b]: return sizes[a] < sizes[b]
                    case .modified where dates[a] != dates[b]: return dates[a] < dates[b]
                    case .extension:
                        let c = Self.compare(exts.key(a, in: extBytes), exts.key(b, in: extBytes))
                        if c != 0 { return c < 0 }
                        fallthrough
                    default:
                        let c = Self.compare(names.key(a, in: nameBytes), names.key(b, in: nameBytes))
                        return c != 0 ? c < 0 : entries[a].name.utf8.lexicographicallyPrecedes(entries[b].name.utf8)
                    }
                }
                return indices.sorted { a, b in
                    if folders[a] != folders[b] { return folders[a] }
                    // Reverse the key, not the folders-first rule.
                    return reverse ? ascending(b, a) : ascending(a, b)
                }
            }
        }
    }

    /// The sort keys of many names in one buffer: key i is `bytes[starts[i]..<starts[i + 1]]`.
    struct Keys {
        let natural: Bool
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        private var lowered: [UInt8] = []
        private var zeros: [UInt8] = []

        init(natural: Bool, count: Int) {
            self.natural = natural
            bytes.reserveCapacity(count * 20)
            starts.reserveCapacity(count + 1)
        }

        /// Appends the key of `name`: its lowercased bytes, in natural order if asked.
        mutating func append(_ name: String) {
            lowered.removeAll(keepingCapacity: true)
            // ASCII lowercases byte by byte; anything else as Swift lowercases it (ß, İ, Σ…).
            for b in name.utf8 {
                guard b < 0x80 else { lowered.removeAll(keepingCapacity: true); lowered += name.lowercased().utf8; break }
                lowered.append(b &- 0x41 < 26 ? b | 0x20 : b)
            }
            if natural { SortOrder.appendNaturalKey(lowered, to: &bytes, zeros: &zeros) } else { bytes += lowered }
            starts.append(bytes.count)
        }

        @inline(__always)
        func key(_ i: Int, in buffer: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: buffer[starts[i]..<starts[i + 1]])
        }
    }

    /// Byte order by memcmp (negative, 0, positive): the generic lexicographicallyPrecedes was
    /// a tenth of listing a 100,000-entry folder.
    @inline(__always)
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        let c = n == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, n)
        return c != 0 ? Int(c) : a.count - b.count
    }

    static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in compare(x, y) } }
    }

    /// A key whose byte order (`compare`) is the natural order of `name`: byte order, except
    /// that runs of ASCII digits compare by value (`f2` < `f10`, `v1.9` < `v1.10`). Made once
    /// per entry, so sorting 100,000 names naturally costs what memcmp costs (comparing digit
    /// runs inside the sort made it a quarter slower).
    ///
    /// A run becomes its count of significant digits, then those digits: `0x30 + n` for n < 9
    /// (so a run still sorts against other bytes as a digit does), else `0x39` and n − 9 in two
    /// bytes. After the name come a 0 byte and each run's leading zeros, so values equal but for
    /// their zeros sort fewer zeros first and the order stays total.
    static func naturalKey(_ name: [UInt8]) -> [UInt8] {
        var key: [UInt8] = [], zeros: [UInt8] = []
        appendNaturalKey(name, to: &key, zeros: &zeros)
        return key
    }

    /// `naturalKey` appended to `key`; `zeros` is scratch space, kept to spare an allocation.
    static func appendNaturalKey(_ name: [UInt8], to key: inout [UInt8], zeros: inout [UInt8]) {
        @inline(__always) func digit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
        zeros.removeAll(keepingCapacity: true)
        var i = 0
        while i < name.count {
            guard digit(name[i]) else { key.append(name[i]); i += 1; continue }
            let start = i
            while i < name.count, name[i] == 0x30 { i += 1 }
            let significant = i
            while i < name.count, digit(name[i]) { i += 1 }
            let n = i - significant
            if n < 9 {
                key.append(0x30 + UInt8(n))
            } else {
                let extra = min(n - 9, 0xFFFF)
                key += [0x39, UInt8(extra >> 8), UInt8(extra & 0xFF)]
            }
            key += name[significant..<i]
            zeros.append(UInt8(min(significant - start, 0xFF)))
        }
        if !zeros.isEmpty { key.append(0); key += zeros }
    }
}
