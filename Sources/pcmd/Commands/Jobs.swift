import ArgumentParser
import Commander
import Foundation

struct Jobs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "List, pause, resume or drop transfers, also those that did not finish (quit, crash, lost connection).",
        discussion: """
            Every put, get, cp and mv is written to $XDG_STATE_HOME/pcmd/jobs.sqlite as it runs. \
            A finished one stays as a history line: the last \(JobStore.historyLimit), none older \
            than \(JobStore.historyDays) days. A job another pcmd runs is paused and resumed \
            through that file: the running process looks for requests twice a second.
            """,
        subcommands: [JobsList.self, JobsPause.self, JobsResume.self, JobsDrop.self],
        defaultSubcommand: JobsList.self)

    /// The user's job store, or the reason it cannot be opened.
    static func store() throws -> JobStore {
        do { return try JobStore.standard() } catch {
            throw CommanderError(.unsupported, "cannot open the job store: \(CommanderError.from(error).message)")
        }
    }

    /// The unfinished jobs `ids` names, or every interrupted one (not the paused) when it is
    /// empty; an id that is not an unfinished job (finished or unknown) is an error naming it.
    static func unfinished(_ ids: [Int64], in store: JobStore) throws -> [StoredJob] {
        let all = try store.unfinished()
        guard !ids.isEmpty else { return all.filter(\.isInterrupted) }
        return try ids.map { id in
            guard let job = all.first(where: { $0.id == id }) else {
                throw CommanderError(.notFound, "no interrupted or paused job \(id)", hint: "see pcmd jobs ls")
            }
            return job
        }
    }

    /// The jobs `ids` names that no live process holds: another pcmd's job is its to run.
    static func interrupted(_ ids: [Int64], in store: JobStore) throws -> [StoredJob] {
        try unfinished(ids, in: store).map { job in
            if job.isRunningElsewhere, let pid = job.pid {
                throw CommanderError(.exists, "job \(job.id ?? 0) is still \(job.state == .paused ? "held paused" : "running") (process \(pid))")
            }
            return job
        }
    }

    /// A job whose local folder or source is gone, named with what to do; it stays to be resumed.
    static func gone(_ gone: StoredAction.GoneLocally, job id: Int64) -> CommanderError {
        switch gone {
        case .target(let path):
            CommanderError(.notFound, "\(path), the folder job \(id) copies into, is no longer on this computer",
                           hint: "make it again to resume the job, or drop it: pcmd jobs drop \(id)")
        case .source(let path):
            CommanderError(.notFound, "\(path), which job \(id) copies, is no longer on this computer",
                           hint: "put it back to resume the job, or drop it: pcmd jobs drop \(id)")
        }
    }

    /// Asks the process that runs `job` to pause or resume it (`state`), and waits until its
    /// row says so: a few seconds, as the process looks twice a second.
    static func ask(_ state: JobState, _ job: StoredJob, in store: JobStore) async throws {
        guard let id = job.id, let pid = job.pid else { return }
        try store.request(state, for: id)
        for _ in 0..<100 {
            guard let now = try store.job(id), now.isUnfinished else { return }  // finished meanwhile: nothing to hold
            if now.state == state || (state == .running && now.state == .queued) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw CommanderError(.local, "process \(pid) did not answer: job \(id) is \(try store.job(id)?.stateName ?? "gone")")
    }
}

/// A stored job as `jobs ls --json` prints it.
struct JobRecordJSON: Encodable {
    var id: Int64
    /// "paused", "running" in another pcmd, "interrupted" when no process finished it, else its final state.
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
        id = j.id ?? 0; state = j.stateName
        title = j.title; kind = j.kind.rawValue
        bytesDone = j.bytesDone; bytesTotal = j.bytesTotal; filesDone = j.filesDone; filesTotal = j.filesTotal
        error = j.error; errorCode = j.errorCode; updated = j.updatedAt
    }
}

struct JobsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "Unfinished jobs (interrupted, paused, running in another pcmd), then the history.")

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
        abstract: "Run interrupted or paused jobs again (without IDs: every interrupted one, not the paused).",
        discussion: """
            A download continues its .pcmd-part, a big upload its upload session; files the job \
            delivered before are not sent again, others already there are skipped. A file changed \
            since the job began is not resumed: it is reported as skipped, with what changed. A job \
            paused in a pcmd that still runs goes on in that process.
            """)

    @Argument(help: ArgumentHelp("Job numbers from pcmd jobs ls.", valueName: "id"))
    var ids: [Int64] = []
    @OptionGroup var bandwidth: BandwidthOption
    @OptionGroup var cloud: CloudOptions

    func run(on account: Remote) async throws {
        let store = try account.queue.store ?? Jobs.store()
        try bandwidth.apply(cloud)
        var jobs: [StoredJob] = []
        for job in try Jobs.unfinished(ids, in: store) {
            // Held by a live pcmd (paused there): that process goes on with it.
            guard job.isRunningElsewhere else { jobs.append(job); continue }
            guard job.state == .paused, let pid = job.pid else {
                throw CommanderError(.exists, "job \(job.id ?? 0) is still running (process \(job.pid ?? 0))")
            }
            try await Jobs.ask(.running, job, in: store)
            Console.out("resumed \(job.id ?? 0) in process \(pid): \(job.title)")
        }
        guard !jobs.isEmpty else { return ids.isEmpty ? Console.out("no interrupted jobs") : () }
        let drives = StoredAction.Drives(local: account.disk, cloud: account.drive)
        let bar = await ProgressBar.follow(account.queue)
        defer { bar?.cancel() }
        var failed: CommanderError?
        var ended: [JobSnapshot] = []
        let profile = account.session.account?.profileName
        for job in jobs {
            if let other = job.action.cloudProfiles.first(where: { $0 != profile }) {
                failed = failed ?? CommanderError(.unsupported, "job \(job.id ?? 0) belongs to " + (other.map { "profile \($0): add --profile \($0)" } ?? "the default profile: leave out --profile"))
                continue
            }
            if let gone = job.action.goneLocally {
                failed = failed ?? Jobs.gone(gone, job: job.id ?? 0)
                continue
            }
            for id in try await account.queue.resume(job, on: drives) {
                let s = await account.queue.wait(id)
                ended.append(s)
                if s.state == .done { Console.out("resumed \(job.id ?? 0): \(job.title)") }
                else { failed = failed ?? s.failure }
            }
        }
        bar?.cancel()
        await bar?.value
        try Transfer.tell(ended, json: false)
        if let failed { throw failed }
        try Transfer.report(skipped: ended.flatMap(\.skipped))
    }
}

struct JobsDrop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drop", abstract: "Forget interrupted or paused jobs (every interrupted one without IDs); what they left on disk stays.")

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

struct JobsPause: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Pause jobs: no bytes flow until pcmd jobs resume ID; a paused job stays paused across restarts.",
        discussion: """
            A job another pcmd runs stops at its next buffer (a download keeps its .pcmd-part, an \
            upload its session and connection). An interrupted job is marked paused, so a plain \
            pcmd jobs resume leaves it alone.
            """)

    @Argument(help: ArgumentHelp("Job numbers from pcmd jobs ls.", valueName: "id"))
    var ids: [Int64]

    func run() async throws {
        try await Failure.reporting {
            let store = try Jobs.store()
            for job in try Jobs.unfinished(ids, in: store) {
                let id = job.id ?? 0
                if job.state == .paused {
                    Console.out("\(id) is already paused")
                } else if job.isRunningElsewhere, let pid = job.pid {
                    try await Jobs.ask(.paused, job, in: store)
                    Console.out("paused \(id) in process \(pid): \(job.title)")
                } else {
                    try store.markPaused(id)
                    Console.out("paused \(id): \(job.title)")
                }
            }
        }
    }
}
