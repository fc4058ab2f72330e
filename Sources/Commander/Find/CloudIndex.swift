import Foundation
import PCloudAPI

/// Every name under one cloud folder, held in memory so that a find costs no request. Built
/// with the fewest calls the live service allows (the folder flat, then one recursive listing
/// per subfolder, folder by folder where one answers 5000: REAL-SERVICE §6), then kept current
/// by the account's `diff` events (`CloudDrive.changes()` feeds them in). Without a running
/// feed nothing vouches for it, and every find lists again.
public actor CloudIndex {
    public struct Stats: Sendable, Hashable {
        public var folder: String
        public var entries: Int
        /// `listfolder` calls the last build made.
        public var requests: Int
        /// Builds so far: a find answered from the index leaves this as it was.
        public var builds: Int
    }

    let client: PCloudClient
    private var root: (id: Int, path: String)?
    private var entries: [Entry] = []
    /// Names as a case-insensitive pattern compares them, folded once here.
    private var keys: [[UInt8]] = []
    private var alive: [Bool] = []
    private var slots: [String: Int] = [:]
    /// Every indexed folder's name and parent, for paths and for "is it under that folder".
    private var folders: [Int: (name: String, parent: Int)] = [:]
    private var pathCache: [Int: String] = [:]
    /// Set when events may have been missed or a folder came in whose content is not known.
    private var stale = false
    /// Events that arrive while a build is listing; applied once it is done.
    private var held: [DiffEvent]?
    public private(set) var stats: Stats?

    init(client: PCloudClient) { self.client = client }

    /// Entries under `folder` (id and path as the caller knows them) that `query` accepts, with
    /// their full paths. Lists the folder's tree first unless the index already covers it.
    public func find(_ query: FindQuery, in folderid: Int, path: String) async throws -> [Entry] {
        if !covers(folderid) {
            // A build of another folder may finish after this one and take its place: try again.
            for _ in 0..<3 {
                try await buildOnce(folderid, path: path)
                if holds(folderid) { break }
            }
        }
        var under: [Int: Bool] = [folderid: true]
        var out: [Entry] = []
        let pattern = query.pattern, folded = !pattern.caseSensitive
        // Names first, from the keys folded at build time; an entry is looked at only when its
        // name matched.
        for i in entries.indices where alive[i] {
            guard pattern.matches(key: folded ? keys[i] : pattern.key(entries[i].name)),
                  query.acceptsOtherThanName(entries[i]), let parent = entries[i].parentfolderid,
                  isWithin(parent, folderid, &under), let dir = self.path(of: parent) else { continue }
            var found = entries[i]
            found.path = Names.join(dir, found.name)
            out.append(found)
        }
        return out
    }

    /// Holds the folder's tree, and a feed vouches that it is current.
    private func covers(_ folderid: Int) -> Bool { !stale && holds(folderid) }

    private func holds(_ folderid: Int) -> Bool {
        guard root != nil else { return false }
        var under: [Int: Bool] = [:]
        return folderid == root!.id || (folders[folderid] != nil && isWithin(folderid, root!.id, &under))
    }

    /// A change feed is running: the index stays current without listing again.
    public private(set) var isFollowing = false
    /// Counts feed starts, so a build that overlapped one knows it.
    private var feeds = 0

    /// A feed starts from now: what changed before it, after an earlier build, was not seen.
    func follow() {
        if root != nil { stale = true }
        feeds += 1
        isFollowing = true
    }

    /// The feed ended: from here on the index cannot vouch for what it holds.
    func unfollow() {
        isFollowing = false
        stale = true
    }

    // MARK: building

    /// The listing under way: finds that arrive meanwhile (a pane refreshing, say) wait for it
    /// instead of listing the tree again.
    private var building: (folderid: Int, task: Task<Void, any Error>)?

    private func buildOnce(_ folderid: Int, path: String) async throws {
        if let b = building, b.folderid == folderid { return try await b.task.value }
        let task = Task { try await build(folderid, path: path) }
        building = (folderid, task)
        defer { if building?.folderid == folderid { building = nil } }
        try await task.value
    }

    private func build(_ folderid: Int, path: String) async throws {
        held = []
        defer { held = nil }
        let feedsBefore = feeds
        let before = client.requestCount("listfolder")
        let tree: PCloudClient.FolderTree
        do { tree = try await client.listTree(folderid) } catch { throw CommanderError.from(error) }
        entries = []; keys = []; alive = []; slots = [:]; folders = [:]; pathCache = [:]
        root = (folderid, path)
        folders[folderid] = (path, -1)
        add(tree.root.contents ?? [], parent: folderid)
        // Without a feed nothing keeps it current; a feed that began meanwhile missed the start.
        stale = !isFollowing || feeds != feedsBefore
        let events = held ?? []
        held = nil
        for e in events { apply(e) }
        stats = Stats(folder: path, entries: entries.count, requests: client.requestCount("listfolder") - before, builds: (stats?.builds ?? 0) + 1)
    }

    private func add(_ items: [Metadata], parent: Int) {
        for m in items {
            upsert(m, parent: parent)
            if m.isfolder, let c = m.contents { add(c, parent: m.itemID) }
        }
    }

    private func upsert(_ m: Metadata, parent: Int) {
        var e = CloudDrive.entry(m, parentPath: nil)
        e.path = nil
        e.parentfolderid = parent
        if m.isfolder {
            folders[m.itemID] = (m.name, parent)
            pathCache = [:]
        }
        if let i = slots[e.id] {
            entries[i] = e; keys[i] = NamePattern.fold(e.name); alive[i] = true
        } else {
            slots[e.id] = entries.count
            entries.append(e); keys.append(NamePattern.fold(e.name)); alive.append(true)
        }
    }

    private func remove(_ id: String, folderid: Int?) {
        if let i = slots.removeValue(forKey: id) { alive[i] = false }
        // What lay below a removed folder becomes unreachable, so finds skip it.
        if let folderid { folders[folderid] = nil; pathCache = [:] }
    }

    // MARK: keeping current

    /// One event from the account's `diff` feed.
    func apply(_ event: DiffEvent) {
        if held != nil { held!.append(event); return }
        guard root != nil else { return }
        guard let m = event.metadata else {
            if event.event == "reset" { stale = true }
            return
        }
        let id = m.isfolder ? "d\(m.itemID)" : "f\(m.itemID)"
        let parent = m.parentfolderid ?? -1
        switch event.event {
        case "deletefile", "deletefolder":
            remove(id, folderid: m.isfolder ? m.itemID : nil)
        case "createfile", "modifyfile", "createfolder", "modifyfolder":
            if folders[parent] != nil {
                // A folder moved in from outside brings content this index has never seen.
                if event.event == "modifyfolder", folders[m.itemID] == nil, (m.contents ?? []).isEmpty { stale = true }
                upsert(m, parent: parent)
            } else if slots[id] != nil, m.itemID != root!.id {
                remove(id, folderid: m.isfolder ? m.itemID : nil)  // moved out
            }
        default:
            break
        }
    }

    // MARK: paths

    /// The id of the indexed folder at `path`, if the index holds it (no request needed).
    func folderID(at path: String) -> Int? {
        guard let root, !stale else { return nil }
        if path == root.path { return root.id }
        let prefix = root.path == "/" ? "/" : root.path + "/"
        guard path.hasPrefix(prefix) else { return nil }
        var current = root.id
        for name in path.dropFirst(prefix.count).split(separator: "/") {
            guard let child = folders.first(where: { $0.value.parent == current && $0.value.name == name })?.key else { return nil }
            current = child
        }
        return current
    }

    private func isWithin(_ folder: Int, _ ancestor: Int, _ memo: inout [Int: Bool]) -> Bool {
        if let known = memo[folder] { return known }
        // Marked before the walk up: parents that form a loop (a folder listed inside itself by
        // a hostile answer) end here instead of recursing until the stack runs out.
        memo[folder] = false
        var answer = false
        if folder == ancestor { answer = true } else if let node = folders[folder], node.parent >= 0 {
            answer = isWithin(node.parent, ancestor, &memo)
        }
        memo[folder] = answer
        return answer
    }

    /// Walks up to a folder whose path is known, then down again caching each; a loop of
    /// parents (a hostile answer) gives nil.
    private func path(of folder: Int) -> String? {
        var chain: [Int] = []
        var current = folder
        var path: String
        while true {
            if let p = pathCache[current] { path = p; break }
            if current == root?.id, let p = root?.path { path = p; break }
            guard let node = folders[current], node.parent >= 0, !chain.contains(current) else { return nil }
            chain.append(current)
            current = node.parent
        }
        for f in chain.reversed() {
            guard let node = folders[f] else { return nil }
            path = Names.join(path, node.name)
            pathCache[f] = path
        }
        return path
    }
}
