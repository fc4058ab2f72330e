/// An item a job left out on purpose, and why (a name pCloud cannot take). The job still
/// sends everything else and ends "done with N skipped"; nothing vanishes silently.
public struct SkippedFile: Sendable, Hashable {
    /// The source's path (or name), as the user knows it.
    public var path: String
    public var reason: String
    /// What to do about it.
    public var hint: String?

    public init(path: String, reason: String, hint: String? = nil) {
        self.path = path; self.reason = reason; self.hint = hint
    }
}
