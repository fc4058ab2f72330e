import Commander
import Foundation

/// One side of the commander: a drive, the folder shown, and the view of its listing (order,
/// filter, marks, cursor). Only the visible window is ever drawn.
@MainActor
public final class Pane {
    public enum Side: Sendable { case local, cloud }
    public enum Load: Equatable { case loading, ready, failed(String) }

    public let drive: any Drive
    public let side: Side
    /// Shown in the header: "Local", "pCloud", "SANDBOX".
    public let label: String
    public let isSandbox: Bool

    public private(set) var location: Location
    public private(set) var entries: [Entry] = []
    /// Indices into `entries`: hidden files, the filter and the sort order applied.
    public private(set) var rows: [Int] = []
    public var cursor = 0
    public var top = 0
    public private(set) var marks: Set<String> = []
    public var sort = SortOrder() { didSet { rebuild(keeping: current?.name) } }
    public var filter = "" { didSet { rebuild(keeping: current?.name) } }
    public var showHidden = false { didSet { rebuild(keeping: current?.name) } }
    public var load: Load = .loading
    /// Bumped for every listing asked for; an answer for an older one is dropped.
    public private(set) var generation = 0
    /// The name to put the cursor on when the listing arrives (the folder we came up from).
    var focusName: String?
    private var history: [Location] = []
    private var historyIndex = -1
    public var quota: CloudDrive.Quota?
    /// A local find walking the disk for this pane: a new find or folder stops it.
    var search: Task<Void, Never>?
    /// Find results shown instead of the folder's listing (mc's panelize); nil for a folder.
    public private(set) var found: Found?

    /// What a results panel shows. The folder searched stays the pane's location: copies into
    /// this pane land there, and leaving the panel returns to it.
    public struct Found: Sendable {
        public var query: FindQuery
        /// The pattern as typed, for the header.
        public var text: String
        public var searching = true
        /// Folders that could not be read (local finds).
        public var skipped = 0
        public var started = Date()
        public var elapsed: TimeInterval?
        /// A find run again keeps showing the old results until its first batch replaces them.
        var replacing = false
    }

    public init(drive: any Drive, side: Side, label: String, isSandbox: Bool = false, location: Location) {
        self.drive = drive; self.side = side; self.label = label; self.isSandbox = isSandbox; self.location = location
        history = [location]; historyIndex = 0
    }

    public var current: Entry? { rows.indices.contains(cursor) ? entries[rows[cursor]] : nil }

    /// Marked entries in view order, or the entry under the cursor when nothing is marked.
    public var selection: [Entry] {
        let marked = marks.isEmpty ? [] : rows.map { entries[$0] }.filter { marks.contains($0.id) }
        return marked.isEmpty ? current.map { [$0] } ?? [] : marked
    }

    public var markedEntries: [Entry] { marks.isEmpty ? [] : entries.filter { marks.contains($0.id) } }

    /// Starts showing `to`; the app lists it and calls `listed`.
    func navigate(_ to: Location, focus: String? = nil, recordHistory: Bool = true) -> Int {
        if recordHistory, to != location {
            history = Array(history.prefix(historyIndex + 1)) + [to]
            historyIndex = history.count - 1
        }
        location = to
        focusName = focus
        found = nil
        // Another folder: the old rows must not show under the new header.
        entries = []; rows = []; marks = []; cursor = 0; top = 0
        load = .loading
        return beginLoad()
    }

    /// A new listing of the same folder (refresh, or a change reported by the server).
    func beginLoad() -> Int {
        generation += 1
        if entries.isEmpty || load != .ready { load = .loading }
        return generation
    }

    /// Starts showing the results of `query` in place of the folder's listing.
    func beginFind(_ query: FindQuery, text: String) -> Int {
        found = Found(query: query, text: text)
        entries = []; rows = []; marks = []; cursor = 0; top = 0
        load = .loading
        return beginLoad()
    }

    /// A batch of results for find `generation` (older ones are ignored); `done` ends it.
    func foundBatch(_ batch: [Entry], skipped: Int = 0, done: Bool, generation g: Int) {
        guard g == generation, found != nil else { return }
        // Named before the entries change: the rows still point into the old ones.
        let keep = current?.name
        if found!.replacing {
            entries = []
            found!.replacing = false
        }
        entries += batch
        found!.skipped += skipped
        if done {
            found!.searching = false
            found!.elapsed = Date().timeIntervalSince(found!.started)
            load = .ready
            marks = marks.intersection(entries.map(\.id))
        }
        rebuild(keeping: keep)
    }

    /// A find run again (refresh, or a change in the account): the old results give way.
    func restartFind() -> Int {
        found?.searching = true
        found?.started = Date()
        found?.skipped = 0
        found?.replacing = true
        return beginLoad()
    }

    /// A name as a results panel shows it: its path below the folder searched.
    public func shownName(_ e: Entry) -> String {
        guard found != nil, let path = e.path else { return e.name }
        let base = location.path == "/" ? "/" : location.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    func back() -> Location? {
        guard historyIndex > 0 else { return nil }
        historyIndex -= 1
        return history[historyIndex]
    }

    func forward() -> Location? {
        guard historyIndex + 1 < history.count else { return nil }
        historyIndex += 1
        return history[historyIndex]
    }

    /// The answer to listing `generation`; older answers are ignored.
    func listed(_ result: Result<[Entry], CommanderError>, generation g: Int) {
        guard g == generation else { return }
        switch result {
        case .success(let list):
            let keepName = focusName ?? current?.name
            let sameFolder = focusName == nil
            entries = list
            marks = sameFolder ? marks.intersection(list.map(\.id)) : []
            load = .ready
            rebuild(keeping: nil)
            if let keepName, let i = rows.firstIndex(where: { entries[$0].name == keepName }) { cursor = i }
            focusName = nil
        case .failure(let e):
            load = .failed(e.description)
            if focusName != nil { entries = []; rebuild(keeping: nil) }
        }
        clamp()
    }

    /// The rows of the entries shown, the cursor on `name` if it is among them.
    private func rebuild(keeping name: String?) {
        let needle = filter.lowercased()
        var idx: [Int] = []
        idx.reserveCapacity(entries.count)
        for (i, e) in entries.enumerated() {
            if !showHidden, e.name.hasPrefix(".") { continue }
            if !needle.isEmpty, !e.name.lowercased().contains(needle) { continue }
            idx.append(i)
        }
        rows = sort.order(entries, idx, byPath: found != nil)
        if let name, let i = rows.firstIndex(where: { entries[$0].name == name }) { cursor = i }
        clamp()
    }

    func clamp() {
        cursor = max(0, min(cursor, rows.count - 1))
    }

    /// Keeps the cursor inside a window of `height` rows.
    func scroll(height: Int) {
        guard height > 0 else { return }
        if cursor < top { top = cursor }
        if cursor >= top + height { top = cursor - height + 1 }
        top = max(0, min(top, max(0, rows.count - height)))
    }

    // MARK: marks

    func toggleMark() {
        guard let e = current else { return }
        if marks.contains(e.id) { marks.remove(e.id) } else { marks.insert(e.id) }
    }

    func invertMarks() {
        for i in rows { let id = entries[i].id; if marks.contains(id) { marks.remove(id) } else { marks.insert(id) } }
    }

    /// Marks (or unmarks) the files whose names match a shell pattern (`*.jpg`, `IMG_??.*`; plain
    /// text matches anywhere in the name, as in a find).
    func mark(pattern text: String, _ on: Bool) throws -> Int {
        let pattern = try NamePattern(text)
        var n = 0
        for i in rows where !entries[i].isFolder && pattern.matches(entries[i].name) {
            if on { marks.insert(entries[i].id) } else { marks.remove(entries[i].id) }
            n += 1
        }
        return n
    }

    func clearMarks() { marks = [] }

    /// Marks exactly the entries named in `names` (what a compare found).
    func setMarks(named names: Set<String>) { marks = Set(entries.filter { names.contains($0.name) }.map(\.id)) }

    /// The first row at or after the cursor whose name starts with `prefix` (case-insensitive).
    func jump(prefix: String) -> Bool {
        let p = prefix.lowercased()
        let order = Array(cursor..<rows.count) + Array(0..<cursor)
        guard let i = order.first(where: { entries[rows[$0]].name.lowercased().hasPrefix(p) }) else { return false }
        cursor = i
        return true
    }

    public var markedBytes: Int64 { markedEntries.reduce(0) { $0 + $1.size } }
}
