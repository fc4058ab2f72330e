import PCloudAPI

/// Ties a big upload's resumable session to the job's journal: a new session's id is kept as
/// soon as it exists, a later run continues it, and a session the server no longer has is
/// said in the job's notes before the file starts again.
enum UploadResume {
    static func session(for t: FileTask, ctx: JobContext) -> ResumableSession {
        guard let journal = ctx.journal else { return ResumableSession() }
        let source = t.source, name = source.path ?? source.name
        return ResumableSession(
            uploadid: journal.uploadid(source),
            began: { journal.session(source, uploadid: $0) },
            lost: { e in
                journal.session(source, uploadid: nil)
                let why = e.code != 0 ? "error \(e.code): \(e.message)" : e.message
                ctx.note("\(name): the upload session of the earlier run is gone (\(why)); sent again from the start")
            })
    }
}
