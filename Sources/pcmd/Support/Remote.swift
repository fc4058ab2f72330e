import Commander
import Foundation

/// A connected account with a job queue: what every cloud command works through. Actions go to
/// Commander's queue exactly as the TUI sends them.
struct Remote {
    let session: CloudSession
    /// Transfers are written to the user's job store, so `pcmd jobs` finds an interrupted one.
    let queue: JobQueue
    /// One local drive for the whole command, so a move between two local folders is a rename.
    let disk = LocalDrive()
    var drive: CloudDrive { session.drive }

    /// `transfers`: the command copies files, and says so when they cannot be recorded.
    static func connect(_ options: CloudOptions, transfers: Bool = false) async throws -> Remote {
        let session = try await options.connect()
        return Remote(session: session, queue: JobQueue(store: options.jobStore { if transfers { Console.note($0) } }, profile: session.account?.profileName,
                                                        limiter: .process))
    }

    /// For the trash: pCloud refuses it to OAuth tokens, so say so before asking (REAL-SERVICE §1).
    static func connectForTrash(_ options: CloudOptions) async throws -> Remote {
        let remote = try await connect(options)
        try remote.session.requireSessionToken()
        return remote
    }

    /// A path on this computer as an item of the command's local drive.
    func localItem(_ path: String) -> Item { Item(disk, path: path) }

    /// The entry at `path`; a missing one is a `.notFound` naming the path.
    func entry(_ path: RemotePath) async throws -> Entry {
        do {
            var e = try await drive.stat(.path(path.path))
            if e.path == nil { e.path = path.path }
            return e
        } catch let e as CommanderError where e.kind == .notFound || e.code == 2005 || e.code == 2009 {
            throw CommanderError(.notFound, "\(path) does not exist", code: e.code, category: .notFound)
        }
    }

    /// The folder at `path`, or an error saying it is a file.
    func folder(_ path: RemotePath) async throws -> Entry {
        let e = try await entry(path)
        guard e.isFolder else { throw CommanderError(.unsupported, "\(path) is a file, not a folder") }
        return e
    }

    /// The folder at `location` on either side, or an error saying it is not one.
    func folderItem(_ location: Side) async throws -> Item {
        switch location {
        case .remote(let r):
            return Item(drive, try await folder(r))
        case .local(let p):
            guard LocalDrive.isFolder(p) else { throw Failure.notALocalFolder(p) }
            return localItem(p)
        }
    }

    /// Runs the action to the end, drawing progress on a terminal; throws the first job's failure.
    @discardableResult
    func perform(_ action: Action, resolver: any ConflictResolver = FixedResolver(.skip)) async throws -> [JobSnapshot] {
        try await queue.performShowingProgress(action, resolver: resolver)
    }

    /// `perform` that returns failed jobs too, for what their notes and skipped files explain.
    func performAll(_ action: Action, resolver: any ConflictResolver) async throws -> [JobSnapshot] {
        try await queue.performAllShowingProgress(action, resolver: resolver)
    }
}

extension JobQueue {
    /// `perform` with a progress bar on stderr while it runs, when stderr is a terminal.
    func performShowingProgress(_ action: Action, resolver: any ConflictResolver) async throws -> [JobSnapshot] {
        let done = try await performAllShowingProgress(action, resolver: resolver)
        try done.requireDone()
        return done
    }

    func performAllShowingProgress(_ action: Action, resolver: any ConflictResolver) async throws -> [JobSnapshot] {
        let bar = await ProgressBar.follow(self)
        defer { bar?.cancel() }
        let result = try await performAll(action, resolver: resolver)
        bar?.cancel()
        await bar?.value
        return result
    }
}
