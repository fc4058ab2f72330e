/// What a transfer asks before each buffer of a file's bytes goes out or is written: may it go
/// now? A pacer answers by waiting (a bandwidth limit, a paused job) or by throwing (cancelled).
/// Asked with 0 between files, so a pause also holds a job between files.
public protocol TransferPacer: Sendable {
    func pace(_ bytes: Int) async throws
}

public enum TransferPacing {
    /// The pacer of the task running a transfer: set by whoever runs the job (Commander's queue),
    /// so no transfer signature has to carry it. Unset, bytes flow at full speed.
    @TaskLocal public static var current: (any TransferPacer)?
}
