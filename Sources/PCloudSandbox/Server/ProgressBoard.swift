import Foundation
import NIOConcurrencyHelpers

/// Progress of long operations keyed by the caller's `progresshash`, polled from another
/// connection (`uploadprogress`, `savezipprogress`, `extractarchiveprogress`). Finished entries
/// stay for a minute so the last poll still sees them.
final class ProgressBoard<Entry: Sendable>: Sendable {
    private struct Slot: Sendable {
        var entry: Entry
        var finishedAt: Date?
    }

    private let slots = NIOLockedValueBox<[String: Slot]>([:])

    func start(_ hash: String, _ entry: Entry) {
        slots.withLockedValue { s in
            s = s.filter { $0.value.finishedAt.map { $0.timeIntervalSinceNow > -60 } ?? true }
            s[hash] = Slot(entry: entry)
        }
    }

    func update(_ hash: String, _ change: (inout Entry) -> Void) {
        slots.withLockedValue { s in
            if var slot = s[hash] { change(&slot.entry); s[hash] = slot }
        }
    }

    func finish(_ hash: String, _ change: (inout Entry) -> Void = { _ in }) {
        slots.withLockedValue { s in
            if var slot = s[hash] { change(&slot.entry); slot.finishedAt = Date(); s[hash] = slot }
        }
    }

    func get(_ hash: String) -> Entry? { slots.withLockedValue { $0[hash]?.entry } }
}
