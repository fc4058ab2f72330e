/// What a caller that outlives one process knows of a resumable upload session: the id an
/// earlier run saved, and where to save a new one. The live service keeps an unsaved session
/// for an undocumented time; a session that is gone means the file is sent again from its start.
public struct ResumableSession: Sendable {
    /// A session an earlier run began for this file, continued from the size `upload_info` reports.
    public var uploadid: Int?
    /// Told a new session's id before its first byte is sent, so another run can continue it.
    public var began: (@Sendable (Int) -> Void)?
    /// Told why the saved session could not be continued (the file then starts again).
    public var lost: (@Sendable (PCloudError) -> Void)?

    public init(uploadid: Int? = nil, began: (@Sendable (Int) -> Void)? = nil, lost: (@Sendable (PCloudError) -> Void)? = nil) {
        self.uploadid = uploadid; self.began = began; self.lost = lost
    }
}
