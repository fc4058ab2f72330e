import Foundation

/// A target that already exists, as the job meets it.
public struct Conflict: Sendable, Hashable {
    /// What is being copied, moved, extracted or zipped.
    public var source: Entry
    /// What is already there.
    public var existing: Entry
    /// The target drive's name, for the dialog.
    public var targetDrive: String
}

/// What to do about one conflict.
public enum ConflictChoice: Sendable, Hashable {
    /// Replace the existing file (pCloud keeps the old content as a revision).
    case overwrite
    /// Leave the existing item; the source is not transferred (and a move keeps it).
    case skip
    /// Store under a name the user typed.
    case rename(String)
    /// Store under a free name chosen like pCloud's `name (1).ext`.
    case keepBoth
}

public struct ConflictResolution: Sendable, Hashable {
    public var choice: ConflictChoice
    /// Use this choice for every further conflict of the same action (a `rename` is not reused).
    public var applyToAll: Bool
    public init(_ choice: ConflictChoice, applyToAll: Bool = false) { self.choice = choice; self.applyToAll = applyToAll }
}

/// Supplied by the caller: the TUI asks in a dialog, the CLI answers from a flag.
public protocol ConflictResolver: Sendable {
    func resolve(_ conflict: Conflict) async -> ConflictResolution
}

/// One fixed answer for every conflict (CLI flags, tests). The default, `keepBoth`, never
/// overwrites and never drops data.
public struct FixedResolver: ConflictResolver {
    public let choice: ConflictChoice
    public init(_ choice: ConflictChoice = .keepBoth) { self.choice = choice }
    public func resolve(_ conflict: Conflict) async -> ConflictResolution { ConflictResolution(choice, applyToAll: true) }
}

/// Asks a closure (a dialog) each time.
public struct AskingResolver: ConflictResolver {
    let ask: @Sendable (Conflict) async -> ConflictResolution
    public init(_ ask: @escaping @Sendable (Conflict) async -> ConflictResolution) { self.ask = ask }
    public func resolve(_ conflict: Conflict) async -> ConflictResolution { await ask(conflict) }
}
