import ArgumentParser
import Commander

/// What put/get/cp/mv do when the target exists. Nothing is overwritten without the user's
/// say: with no flag the conflicting items are left alone and the command fails naming them.
struct ConflictOptions: ParsableArguments {
    @Flag(help: "Replace existing files (pCloud keeps the old content as a revision).")
    var overwrite = false
    @Flag(help: "Leave existing files as they are and go on.")
    var skipExisting = false
    @Flag(help: "Store under a free name like pCloud's `name (1).ext`.")
    var keepBoth = false

    func validate() throws {
        guard [overwrite, skipExisting, keepBoth].filter({ $0 }).count <= 1 else {
            throw ValidationError("choose one of --overwrite, --skip-existing and --keep-both")
        }
    }

    /// The resolver for the flag given; with none, a resolver that skips and remembers.
    func resolver() -> (any ConflictResolver, RefusedConflicts?) {
        if overwrite { return (FixedResolver(.overwrite), nil) }
        if skipExisting { return (FixedResolver(.skip), nil) }
        if keepBoth { return (FixedResolver(.keepBoth), nil) }
        let refused = RefusedConflicts()
        return (refused, refused)
    }
}

/// Skips every conflict and keeps its name, so the command can fail afterwards with the list.
actor RefusedConflicts: ConflictResolver {
    private(set) var names: [String] = []

    nonisolated func resolve(_ conflict: Conflict) async -> ConflictResolution {
        await record(conflict.existing.path ?? conflict.existing.name)
        return ConflictResolution(.skip, applyToAll: false)
    }

    private func record(_ name: String) { names.append(name) }

    /// Throws `.exists` naming what was left alone in `target`.
    func check(in target: CustomStringConvertible) throws {
        guard !names.isEmpty else { return }
        throw CommanderError(.exists, "\(target) already has \(names.joined(separator: ", ")); nothing was overwritten")
    }
}
