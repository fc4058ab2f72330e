import Foundation

/// Remembers "apply to all" for one action, and each source's answer so a retried job does not
/// ask again. Asks one at a time so the user never sees two dialogs.
actor ConflictMemory {
    let resolver: any ConflictResolver
    private var forAll: ConflictChoice?
    private var answered: [String: ConflictChoice] = [:]
    private var asking = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ resolver: any ConflictResolver) { self.resolver = resolver }

    func choice(for conflict: Conflict) async -> ConflictChoice {
        let key = conflict.source.id + "→" + (conflict.existing.path ?? conflict.existing.id)
        if let done = answered[key] { return done }
        while asking { await withCheckedContinuation { waiting.append($0) } }
        if let forAll { answered[key] = forAll; return forAll }
        asking = true
        let r = await resolver.resolve(conflict)
        asking = false
        if !waiting.isEmpty { waiting.removeFirst().resume() }
        if r.applyToAll, case .rename = r.choice {} else if r.applyToAll { forAll = r.choice }
        answered[key] = r.choice
        return r.choice
    }
}
