import Foundation

/// A single-pass JSON reader for metadata replies (`listfolder`, `trash_list`). Foundation's
/// JSONDecoder took ≈1.6 s for a 100,000-entry listing (35 MB); this reads it several times
/// faster by building `Metadata` straight from the bytes. Unknown keys are skipped; the tests
/// compare its output with JSONDecoder's on the same replies.
struct MetadataScanner {
    enum Failure: Error, CustomStringConvertible {
        case syntax(Int, String)
        var description: String {
            switch self { case .syntax(let at, let what): "\(what) at byte \(at)" }
        }
    }

    /// Deeper nesting is refused, as JSONDecoder refuses it: the scanner recurses once per level,
    /// and a hostile answer of a million `[` would otherwise overflow the stack.
    static let maxDepth = 512

    private let bytes: UnsafeRawBufferPointer
    private var i = 0
    private var depth = 0

    private init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// `{"result":N,"error":…,"metadata":{…}}` → result, error, metadata.
    static func reply(_ data: Data) throws -> (result: Int, error: String?, metadata: Metadata?) {
        try data.withUnsafeBytes { raw in
            var s = MetadataScanner(raw)
            var result: Int?, error: String?, metadata: Metadata?
            try s.object { s, key in
                switch key {
                case "result": result = Int(try s.int())
                case "error": error = try s.string()
                case "metadata": metadata = try s.metadata()
                default: try s.skip()
                }
            }
            s.ws()
            guard s.i == raw.count else { throw Failure.syntax(s.i, "more after the answer's end") }
            guard let result else { throw Failure.syntax(0, "no \"result\"") }
            return (result, error, metadata)
        }
    }

    // MARK: metadata

    mutating func metadata() throws -> Metadata {
        var m = Metadata()
        var sawIcon = false, sawModified = false
        try object { s, key in
            switch key {
            case "name": m.name = try s.string()
            case "id": m.id = try s.string()
            case "isfolder": m.isfolder = try s.bool()
            case "ismine": m.ismine = try s.bool()
            case "isshared": m.isshared = try s.bool()
            case "thumb": m.thumb = try s.bool()
            case "icon":
                if s.peek() == UInt8(ascii: "\"") { m.icon = try s.string(); sawIcon = true } else { try s.skip() }
            case "created": m.created = try s.int()
            case "modified": m.modified = try s.int(); sawModified = true
            case "parentfolderid": m.parentfolderid = Int(try s.int())
            case "path": m.path = try s.string()
            case "comments": m.comments = Int(try s.int())
            case "isdeleted": m.isdeleted = try s.bool()
            case "contents":
                var list: [Metadata] = []
                try s.array { s in list.append(try s.metadata()) }
                m.contents = list
            case "folderid": m.folderid = Int(try s.int())
            case "fileid": m.fileid = Int(try s.int())
            case "size": m.size = try s.size()
            case "contenttype": m.contenttype = try s.string()
            case "category": m.category = Int(try s.int())
            case "hash": m.hash = try s.uint()
            case "width": m.width = Int(try s.int())
            case "height": m.height = Int(try s.int())
            case "duration": m.duration = try s.optionalString()
            case "artist": m.artist = try s.string()
            case "album": m.album = try s.string()
            case "title": m.title = try s.string()
            case "genre": m.genre = try s.string()
            case "trackno": m.trackno = try s.optionalInt()
            case "deletedfileid": m.deletedfileid = try s.optionalInt()
            case "origparentfolderid": m.origparentfolderid = Int(try s.int())
            case "position": m.position = Int(try s.int())
            case "added": m.added = try s.int()
            case "conflicted": m.conflicted = try s.bool()
            case "canread": m.canread = try s.bool()
            case "canmodify": m.canmodify = try s.bool()
            case "candelete": m.candelete = try s.bool()
            case "cancreate": m.cancreate = try s.bool()
            case "userid": m.userid = Int(try s.int())
            case "encrypted": m.encrypted = try s.bool()
            default: try s.skip()
            }
        }
        if !sawIcon { m.icon = m.isfolder ? "folder" : "file" }
        if !sawModified { m.modified = m.created }
        guard Metadata.isPlausibleName(m.name, root: m.isfolder && m.folderid == 0) else {
            throw Failure.syntax(i, "a name no folder can hold")
        }
        return m
    }

    // MARK: JSON primitives

    func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }

    mutating func ws() {
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1 } else { return }
        }
    }

    mutating func expect(_ c: UInt8) throws {
        ws()
        guard i < bytes.count, bytes[i] == c else { throw Failure.syntax(i, "expected \(Character(UnicodeScalar(c)))") }
        i += 1
    }

    mutating func object(_ member: (inout MetadataScanner, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        try enter()
        defer { depth -= 1 }
        ws()
        if peek() == UInt8(ascii: "}") { i += 1; return }
        while true {
            ws()
            let key = try string()
            try expect(UInt8(ascii: ":"))
            ws()
            try member(&self, key)
            ws()
            guard let b = peek() else { throw Failure.syntax(i, "unterminated object") }
            i += 1
            if b == UInt8(ascii: "}") { return }
            guard b == UInt8(ascii: ",") else { throw Failure.syntax(i - 1, "expected , or }") }
        }
    }

    mutating func array(_ element: (inout MetadataScanner) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        try enter()
        defer { depth -= 1 }
        ws()
        if peek() == UInt8(ascii: "]") { i += 1; return }
        while true {
            ws()
            try element(&self)
            ws()
            guard let b = peek() else { throw Failure.syntax(i, "unterminated array") }
            i += 1
            if b == UInt8(ascii: "]") { return }
            guard b == UInt8(ascii: ",") else { throw Failure.syntax(i - 1, "expected , or ]") }
        }
    }

    mutating func enter() throws {
        guard depth < Self.maxDepth else { throw Failure.syntax(i, "nesting deeper than \(Self.maxDepth) levels") }
        depth += 1
    }

    mutating func string() throws -> String {
        ws()
        guard peek() == UInt8(ascii: "\"") else { throw Failure.syntax(i, "expected string") }
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            // JSON escapes control characters; a raw one (a line break in a name) is refused, as
            // JSONDecoder refuses it.
            if b < 0x20 { throw Failure.syntax(i, "control character in a string") }
            i += 1
        }
        var out = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            if b < 0x20 { throw Failure.syntax(i - 1, "control character in a string") }
            guard b == UInt8(ascii: "\\") else { out.append(b); continue }
            guard i < bytes.count else { break }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
                   bytes[i + 1] == UInt8(ascii: "u") {
                    i += 2
                    let low = try hex4()
                    // A high surrogate without its low half is replaced, as an unpaired one is.
                    scalar = (0xDC00..<0xE000).contains(low) ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                }
                out.append(contentsOf: Array(String(UnicodeScalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
            default: out.append(e)  // \" \\ \/
            }
        }
        throw Failure.syntax(i, "unterminated string")
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw Failure.syntax(i, "short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            i += 1
            switch b {
            case 48...57: v = v << 4 | UInt32(b - 48)
            case 65...70: v = v << 4 | UInt32(b - 55)
            case 97...102: v = v << 4 | UInt32(b - 87)
            default: throw Failure.syntax(i - 1, "bad hex digit")
            }
        }
        return v
    }

    mutating func uint() throws -> UInt64 {
        ws()
        var v: UInt64 = 0
        let start = i
        while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(bytes[i] - 48))
            guard !o1, !o2 else { throw Failure.syntax(i, "number too large") }
            v = a
            i += 1
        }
        guard i > start else { throw Failure.syntax(i, "expected number") }
        return v
    }

    mutating func int() throws -> Int64 {
        ws()
        let negative = peek() == UInt8(ascii: "-")
        if negative { i += 1 }
        let magnitude = try uint()
        guard magnitude <= UInt64(Int64.max) + (negative ? 1 : 0) else { throw Failure.syntax(i, "number too large") }
        // `12.0` is taken as JSONDecoder takes it; `12.5` is no integer.
        if peek() == UInt8(ascii: ".") {
            i += 1
            guard try uint() == 0 else { throw Failure.syntax(i, "fraction where a whole number belongs") }
        }
        return negative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(magnitude)
    }

    /// A byte count: a whole number, never negative.
    mutating func size() throws -> Int64 {
        let start = i
        let n = try int()
        guard n >= 0 else { throw Failure.syntax(start, "negative size") }
        return n
    }

    mutating func bool() throws -> Bool {
        ws()
        if match("true") { return true }
        if match("false") { return false }
        throw Failure.syntax(i, "expected bool")
    }

    mutating func optionalString() throws -> String? {
        ws()
        if peek() == UInt8(ascii: "\"") { return try string() }
        try skip()
        return nil
    }

    mutating func optionalInt() throws -> Int? {
        ws()
        if let b = peek(), b == UInt8(ascii: "-") || (b >= 48 && b <= 57) { return Int(try int()) }
        try skip()
        return nil
    }

    mutating func match(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        let ok = literal.withUTF8Buffer { lit in
            (0..<n).allSatisfy { bytes[i + $0] == lit[$0] }
        }
        if ok { i += n }
        return ok
    }

    /// Skips any JSON value.
    mutating func skip() throws {
        ws()
        guard let b = peek() else { throw Failure.syntax(i, "expected value") }
        switch b {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"): try object { s, _ in try s.skip() }
        case UInt8(ascii: "["): try array { s in try s.skip() }
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
        case UInt8(ascii: "n"):
            guard match("null") else { throw Failure.syntax(i, "expected null") }
        default:
            while i < bytes.count, let c = Optional(bytes[i]),
                  (c >= 48 && c <= 57) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
                    || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { i += 1 }
        }
    }
}

extension Metadata {
    /// Empty metadata for the scanner to fill in.
    init() {
        name = ""; id = ""; isfolder = false; ismine = true; isshared = false; thumb = false; icon = ""
        created = 0; modified = 0; isdeleted = false
    }
}
