import Foundation

/// What a find looks for: a name pattern and optional filters on kind, size and modified time.
/// Folders match by name only when no kind or size filter is given.
public struct FindQuery: Sendable, Hashable {
    public var pattern: NamePattern
    public var category: FileCategory?
    /// Strictly larger / smaller than, in bytes.
    public var larger: Int64?
    public var smaller: Int64?
    /// Modified at or after / before.
    public var newer: Date?
    public var older: Date?

    public init(pattern: NamePattern, category: FileCategory? = nil, larger: Int64? = nil, smaller: Int64? = nil,
                newer: Date? = nil, older: Date? = nil) {
        self.pattern = pattern; self.category = category; self.larger = larger; self.smaller = smaller
        self.newer = newer; self.older = older
    }

    /// From what a user typed: `10M`, `7d` or `2026-01-31`, `image`. Empty strings are no filter.
    public init(pattern: String, caseSensitive: Bool = false, category: String? = nil, larger: String? = nil,
                smaller: String? = nil, newer: String? = nil, older: String? = nil, now: Date = Date()) throws {
        func given(_ s: String?) -> String? { s.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        func size(_ s: String?, _ what: String) throws -> Int64? {
            guard let s = given(s) else { return nil }
            guard let v = Units.parseBytes(s) else { throw CommanderError(.invalidInput, "\(what): “\(s)” is not a size (10M, 1.5G, 512k)") }
            return v
        }
        func time(_ s: String?, _ what: String) throws -> Date? {
            guard let s = given(s) else { return nil }
            if let d = Units.parseDuration(s) { return now.addingTimeInterval(-TimeInterval(d)) }
            if let d = Self.day(s) { return d }
            throw CommanderError(.invalidInput, "\(what): “\(s)” is neither an age (7d, 12h, 2w) nor a date (2026-01-31)")
        }
        var cat: FileCategory?
        if let c = given(category) {
            guard let parsed = FileCategory(name: c), parsed != .uncategorized else {
                throw CommanderError(.invalidInput, "kind “\(c)”: one of image, video, audio, document, archive")
            }
            cat = parsed
        }
        self.init(pattern: try NamePattern(pattern, caseSensitive: caseSensitive), category: cat,
                  larger: try size(larger, "larger"), smaller: try size(smaller, "smaller"),
                  newer: try time(newer, "newer"), older: try time(older, "older"))
    }

    /// `2026-01-31` at local midnight.
    static func day(_ s: String) -> Date? {
        let parts = s.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        return Calendar.current.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    var filtersContent: Bool { category != nil || larger != nil || smaller != nil }

    /// The filters but the name: a scan matches names first, then looks at the entry.
    func acceptsOtherThanName(_ e: Entry) -> Bool {
        if e.isFolder, filtersContent { return false }
        if let category, FileCategory.of(e) != category { return false }
        if let larger, e.size <= larger { return false }
        if let smaller, e.size >= smaller { return false }
        if let newer, e.modified < newer { return false }
        if let older, e.modified >= older { return false }
        return true
    }

    public func accepts(_ e: Entry) -> Bool { pattern.matches(e.name) && acceptsOtherThanName(e) }
}
