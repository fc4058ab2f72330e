import Foundation

/// One file to send, decided during the walk (name and overwrite already settled).
struct FileTask: Sendable {
    let source: Entry
    let targetFolder: ItemRef
    let name: String
    let overwrite: Bool
    /// Ledger key: the source's identity within this job.
    var key: String { source.id }
}

/// What a copy/move walk decided: files to send and, for a move, folders to remove after.
struct TransferPlan: Sendable {
    var files: [FileTask] = []
    /// Source folders of a move, parents first; removed afterwards if emptied.
    var movedFolders: [Entry] = []
    /// Same-drive moves done during the walk as one rename each (with their entry count).
    var renamed: [Entry] = []
}

/// What earlier attempts of a job finished, so a retry neither redoes nor re-asks.
final class Ledger: Sendable {
    private let done = Locked<Set<String>>([])
    /// Files whose upload failed after it was sent: the server may have stored them all the same
    /// (a gateway's 502, a connection lost after the last byte), so a retry looks before asking.
    private let unsure = Locked<Set<String>>([])
    func contains(_ key: String) -> Bool { done.withLock { $0.contains(key) } }
    func insert(_ key: String) { done.withLock { _ = $0.insert(key) } }
    func isUnsure(_ key: String) -> Bool { unsure.withLock { $0.contains(key) } }
    func markUnsure(_ key: String) { unsure.withLock { _ = $0.insert(key) } }
}

/// Names in target folders as the walk sees them, so "keep both" picks names nobody took.
actor TargetNames {
    private var listed: [ItemRef: [String: Entry]] = [:]

    func entries(in folder: ItemRef, on drive: any Drive) async throws -> [String: Entry] {
        if let l = listed[folder] { return l }
        var map: [String: Entry] = [:]
        for e in try await drive.list(folder) { map[e.name] = e }
        listed[folder] = map
        return map
    }

    func take(_ name: String, in folder: ItemRef, as entry: Entry) { listed[folder]?[name] = entry }
}
