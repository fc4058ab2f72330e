import Foundation

public struct JobID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let raw: Int
    public static func < (a: JobID, b: JobID) -> Bool { a.raw < b.raw }
    public var description: String { "#\(raw)" }
}

/// What a job does, by the planner's table.
public enum JobKind: String, Sendable, Codable {
    case upload, download, serverCopy, serverMove, localCopy, localMove
    case delete, mkdir, rename, share, publink, uploadLink
    case zip, extract, restore, emptyTrash, revert, downloadRevision
    case compare
    case fetch
}

public enum JobState: String, Sendable, Codable {
    case queued, running, done, failed, cancelled
    /// Held by the user (`pcmd jobs pause`, the jobs panel): no bytes flow until resumed, across restarts too.
    case paused
    /// An earlier process's job that no process finished, shown in this queue until resumed or
    /// dropped; its row keeps the state it had (never written as this).
    case interrupted
    public var isFinished: Bool { self == .done || self == .failed || self == .cancelled }
    /// Moving or about to: not finished, paused, nor waiting for the user since an earlier run.
    public var isActive: Bool { self == .queued || self == .running }
}

/// What a finished job hands back beside its state (the CLI prints it).
public enum JobResult: Sendable, Hashable {
    case entries([Entry])
    case publink(PublinkInfo)
    case uploadLink(UploadLinkInfo)
    case comparison(Comparison)
}

/// A unit of background work planned from an action. `work` may run again on retry: it must
/// find what an earlier attempt finished (the planner keeps a ledger for that).
public struct Job: Sendable {
    public let title: String
    public let kind: JobKind
    let work: @Sendable (JobContext) async throws -> JobResult?

    init(_ kind: JobKind, _ title: String, work: @escaping @Sendable (JobContext) async throws -> JobResult?) {
        self.kind = kind; self.title = title; self.work = work
    }
}

/// A job as the UI sees it at one moment.
public struct JobSnapshot: Sendable, Hashable {
    public var id: JobID
    public var title: String
    public var kind: JobKind
    public var state: JobState
    public var bytesDone: Int64 = 0
    public var bytesTotal: Int64 = 0
    public var filesDone = 0
    public var filesTotal = 0
    public var currentFile: String?
    /// Bytes per second since the job started running.
    public var rate: Double = 0
    /// Seconds left at the current rate, when it can be told.
    public var eta: Double?
    public var error: CommanderError?
    public var result: JobResult?
    /// 1 for the first run; retries count up.
    public var attempt = 1
    /// Pieces shown on lines of their own (the URLs of a fetch); empty for most jobs.
    public var parts: [JobPart] = []
    /// What the job left out and why; a done job with some says "done with N skipped".
    public var skipped: [SkippedFile] = []
    /// What changed how the job went, in plain words (an upload session that was gone).
    public var notes: [String] = []

    /// Why a finished job is not done: its error, or that it was cancelled; nil once done.
    public var failure: CommanderError? {
        state == .done ? nil : error ?? CommanderError(.cancelled, "\(title) was cancelled")
    }

    /// 0…1 by bytes when there are any, else by files; 1 when done.
    public var fraction: Double {
        if state == .done { return 1 }
        // Clamped: the counts may come from a server's progress answers.
        if bytesTotal > 0 { return max(0, min(1, Double(bytesDone) / Double(bytesTotal))) }
        if filesTotal > 0 { return max(0, min(1, Double(filesDone) / Double(filesTotal))) }
        return 0
    }
}

extension Sequence<JobSnapshot> {
    /// Throws the first job's failure; returns when every job is done.
    public func requireDone() throws {
        if let failure = lazy.compactMap(\.failure).first { throw failure }
    }
}

/// One piece of a job with its own bytes, such as one URL of a fetch.
public struct JobPart: Sendable, Hashable {
    public enum State: String, Sendable { case waiting, working, done, failed }
    public var name: String
    public var state: State
    public var bytesDone: Int64
    /// nil while the size is not known.
    public var bytesTotal: Int64?
    public init(name: String, state: State = .waiting, bytesDone: Int64 = 0, bytesTotal: Int64? = nil) {
        self.name = name; self.state = state; self.bytesDone = bytesDone; self.bytesTotal = bytesTotal
    }
}
