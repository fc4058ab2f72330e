import ArgumentParser
import Commander
import Foundation

struct Jobs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "List, resume or drop transfers that did not finish (quit, crash, lost connection).",
        discussion: """
            Every put, get, cp and mv is written to $XDG_STATE_HOME/pcmd/jobs.sqlite as it runs. \
            A finished one stays as a history line: the last \(JobStore.historyLimit), none older \
            than \(JobStore.historyDays) days.
            """,
        subcommands: [JobsList.self, JobsResume.self, JobsDrop.self],
        defaultSubcommand: JobsList.self)

    /// The user's job store, or the reason it cannot be opened.
    static func store() throws -> JobStore {
        do { return try JobStore.standard() } catch {
            throw CommanderError(.unsupported, "cannot open the job store: \(error)")
        }
    }

    /// The interrupted jobs `ids` names, all of them when it is empty; an id that is not an
    /// interrupted job (finished, unknown, or still running in another pcmd) is an error naming it.
    static func interrupted(_ ids: [Int64], in store: JobStore) throws -> [StoredJob] {
        let all = try store.unfinished()
        guard !ids.isEmpty else { return all.filter(\.isInterrupted) }
        return try ids.map { id in
            guard let job = all.first(where: { $0.id == id }) else {
                throw CommanderError(.notFound, "no interrupted job \(id)", hint: "see pcmd jobs ls")
            }
            if job.isRunningElsewhere, let pid = job.pid {
                throw CommanderError(.exists, "job \(id) is still running (process \(pid))")
            }
            return job
        }
    }
}

/// A stored job as `jobs ls --json` prints it.
struct JobRecordJSON: Encodable {
    var id: Int64
    /// "running" in another pcmd, "interrupted" when no process finished it, else its final state.
    var state: String
    var title: String
    var kind: String
    var bytesDone: Int64
    var bytesTotal: Int64
    var filesDone: Int
    var filesTotal: Int
    var error: String?
    var errorCode: Int?
    var updated: Date

    init(_ j: StoredJob) {
        id = j.id ?? 0; state = j.isRunningElsewhere ? "running" : j.isUnfinished ? "interrupted" : j.state.rawValue
        title = j.title; kind = j.kind.rawValue
        bytesDone = j.bytesDone; bytesTotal = j.bytesTotal; filesDone = j.filesDone; filesTotal = j.filesTotal
        error = j.error; errorCode = j.errorCode; updated = j.updatedAt
    }
}

struct JobsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "Interrupted jobs, then the history.")

    @Flag(help: "One JSON object per job.")
    var json = false

    func run() async throws {
        try await Failure.reporting {
            let store = try Jobs.store()
            let jobs = try store.unfinished() + store.history()
            if json { return try jobs.forEach { try Console.json(JobRecordJSON($0)) } }
            Console.table(jobs.map { j in
                let r = JobRecordJSON(j)
                let size = r.bytesTotal > 0 ? "\(Units.bytes(r.bytesDone))/\(Units.bytes(r.bytesTotal))" : "\(r.filesDone) files"
                return ["\(r.id)", r.state, size, r.title + (r.error.map { " — \($0)" } ?? "")]
            }, rightAligned: [0])
        }
    }
}

struct JobsResume: CloudCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Run interrupted jobs again (all of them without IDs).",
        discussion: """
            A download continues its .pcmd-part, a big upload its upload session; files the job \
            delivered before are not sent again, others already there are skipped. A file changed \
            since the job began is not resumed: it is reported as skipped, with what changed.
            """)

    @Argument(help: ArgumentHelp("Job numbers from pcmd jobs ls.", valueName: "id"))
    var ids: [Int64] = []
    @OptionGroup var cloud: CloudOptions

    func run(on account: Remote) async throws {
        let store = try account.queue.store ?? Jobs.store()
        let jobs = try Jobs.interrupted(ids, in: store)
        guard !jobs.isEmpty else { return Console.out("no interrupted jobs") }
        let drives = StoredAction.Drives(local: account.disk, cloud: account.drive)
        let bar = await ProgressBar.follow(account.queue)
        defer { bar?.cancel() }
        var failed: CommanderError?
        var skipped: [SkippedFile] = []
        let profile = account.session.account?.profileName
        for job in jobs {
            if let other = job.action.cloudProfiles.first(where: { $0 != profile }) {
                failed = failed ?? CommanderError(.unsupported, "job \(job.id ?? 0) belongs to " + (other.map { "profile \($0): add --profile \($0)" } ?? "the default profile: leave out --profile"))
                continue
            }
            for id in try await account.queue.resume(job, on: drives) {
                let s = await account.queue.wait(id)
                for note in s.notes { Console.error(note) }
                skipped += s.skipped
                if s.state == .done { Console.out("resumed \(job.id ?? 0): \(job.title)") }
                else { failed = failed ?? s.error ?? CommanderError(.cancelled, "\(s.title) was cancelled") }
            }
        }
        bar?.cancel()
        await bar?.value
        if let failed { throw failed }
        try Transfer.report(skipped: skipped, json: false)
    }
}

struct JobsDrop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drop", abstract: "Forget interrupted jobs (all of them without IDs); what they left on disk stays.")

    @Argument(help: ArgumentHelp("Job numbers from pcmd jobs ls.", valueName: "id"))
    var ids: [Int64] = []

    func run() async throws {
        try await Failure.reporting {
            let store = try Jobs.store()
            let jobs = try Jobs.interrupted(ids, in: store)
            for id in try store.drop(jobs.compactMap(\.id)) { Console.out("dropped \(id)") }
        }
    }
}
