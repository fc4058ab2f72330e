import Foundation

/// Where an incoming item lands when its name may be taken: asks the job's resolver and turns
/// the answer into a name and whether to replace. Nil means skip.
enum Placement {
    struct Decision: Sendable { let name: String; let overwrite: Bool }

    /// `taken` maps the names in the target folder to their entries. A folder meeting a folder
    /// is not a conflict (the caller merges); "overwrite" between a file and a folder, or a
    /// typed name that is taken too, becomes "keep both".
    static func decide(_ source: Entry, name: String? = nil, taken: [String: Entry], targetDrive: String,
                       ctx: JobContext) async -> Decision? {
        let name = name ?? source.name
        guard let existing = taken[name], !(source.isFolder && existing.isFolder) else {
            return Decision(name: name, overwrite: false)
        }
        switch await ctx.resolve(Conflict(source: source, existing: existing, targetDrive: targetDrive)) {
        case .skip:
            return nil
        case .overwrite where !source.isFolder && !existing.isFolder:
            return Decision(name: name, overwrite: true)
        case .rename(let n) where taken[n] == nil:
            return Decision(name: n, overwrite: false)
        default:
            return Decision(name: Names.free(name, taken: Set(taken.keys)), overwrite: false)
        }
    }
}
