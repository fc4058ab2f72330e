import Foundation
import GRDB

/// One row of the persistent queue: a transfer as it was queued and how far it got. A row
/// whose state is queued or running when no process runs it was interrupted (quit, crash,
/// `kill -9`) and can be resumed from `action`.
public struct StoredJob: Codable, Sendable, Hashable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "job"
    /// The store's own number, stable across processes (`pcmd jobs resume 3`).
    public var id: Int64?
    public var title: String
    public var kind: JobKind
    /// Kept as JSON text (GRDB's way with a nested Codable): readable with the sqlite3 tool.
    public var action: StoredAction
    public var state: JobState
    public var bytesDone: Int64 = 0
    public var bytesTotal: Int64 = 0
    public var filesDone = 0
    public var filesTotal = 0
    /// The error's text, for a failed job.
    public var error: String?
    /// pCloud's result code of that error, when it had one.
    public var errorCode: Int?
    public var queuedAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?
    /// The process running it while it runs, so another process neither resumes a job that
    /// is still going (two writers on one `.pcmd-part`) nor calls it interrupted.
    public var pid: Int32?

    /// Not finished: a row no process finished (or one that failed on a lost connection), so
    /// `pcmd jobs resume` may run it again.
    public var isUnfinished: Bool { finishedAt == nil }

    /// Unfinished and its process still alive (not this one). A reused pid can make a dead
    /// job look alive until that process ends; it is never the other way round.
    public var isRunningElsewhere: Bool {
        guard isUnfinished, let pid, pid != getpid() else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// Unfinished with no process left to finish it and not paused: what `pcmd jobs resume`
    /// without IDs runs again.
    public var isInterrupted: Bool { isUnfinished && !isRunningElsewhere && state != .paused }

    /// How `pcmd jobs ls` and the jobs panel name it: paused, running (in another pcmd),
    /// interrupted, or how it ended.
    public var stateName: String {
        state == .paused ? "paused" : isRunningElsewhere ? "running" : isUnfinished ? "interrupted" : state.rawValue
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension StoredJob {
    init(_ snapshot: JobSnapshot, action: StoredAction, now: Date) {
        self.init(id: nil, title: snapshot.title, kind: snapshot.kind, action: action, state: snapshot.state,
                  queuedAt: now, updatedAt: now)
        update(from: snapshot, now: now)
    }

    mutating func update(from s: JobSnapshot, now: Date) {
        state = s.state
        bytesDone = s.bytesDone; bytesTotal = s.bytesTotal
        filesDone = s.filesDone; filesTotal = s.filesTotal
        error = s.error?.message
        errorCode = s.error.flatMap { $0.code == 0 ? nil : $0.code }
        updatedAt = now
        // A transfer that failed on a lost connection (or another transient failure) is not
        // over: like one cut off by a crash it stays to be resumed, with its error shown.
        let lost = s.state == .failed && s.error?.isTransient == true
        // It stays this process's while it lives (its queue can retry it), anyone's after.
        finishedAt = s.state.isFinished && !lost ? now : nil
        pid = finishedAt != nil ? nil : getpid()
    }
}
