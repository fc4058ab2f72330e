import Foundation

/// The entries of a zip, read from its central directory (PKWARE APPNOTE 4.3.12–4.3.16) in two
/// reads from the end of the file: the end record, then the directory. A cloud archive's
/// entries are known so without downloading it, so a conflict names the entry that collides.
enum ZipDirectory {
    struct Member: Sendable, Hashable {
        /// The path inside the archive, `/`-separated; a folder's ends in `/`.
        var path: String
        var size: Int64
        var modified: Date
        var isFolder: Bool { path.hasSuffix("/") }
    }

    /// A directory bigger than this is not read (an archive of millions of entries).
    static let maxDirectory = 32 << 20

    /// `read(offset, length)` gives up to `length` bytes of the archive from `offset`.
    static func members(size: Int64, read: (Int64, Int) async throws -> [UInt8]) async throws -> [Member] {
        // The end record is 22 bytes plus a comment of up to 65,535.
        let tailLength = Int(min(size, 22 + 65_535 + 20))
        let tailStart = size - Int64(tailLength)
        let tail = try await read(tailStart, tailLength)
        guard tail.count == tailLength, let end = endRecord(tail) else { throw notAZip("no end of central directory") }
        var (count, length, offset) = (Int(tail.u16(end + 10)), Int64(tail.u32(end + 12)), Int64(tail.u32(end + 16)))
        // ZIP64: the locator just before the end record points at the ZIP64 end record.
        if count == 0xFFFF || length == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            guard end >= 20, tail.u32(end - 20) == 0x0706_4b50 else { throw notAZip("ZIP64 locator missing") }
            let at = Int64(bitPattern: tail.u64(end - 20 + 8))
            guard at >= 0, at < size else { throw notAZip("ZIP64 end record out of range") }
            let record = try await read(at, 56)
            guard record.count == 56, record.u32(0) == 0x0606_4b50 else { throw notAZip("ZIP64 end record missing") }
            (count, length, offset) = (Int(truncatingIfNeeded: record.u64(32)), Int64(bitPattern: record.u64(40)), Int64(bitPattern: record.u64(48)))
        }
        guard length >= 0, length <= maxDirectory, offset >= 0, offset <= size - length else { throw notAZip("directory out of range") }
        let directory = try await read(offset, Int(length))
        guard directory.count == Int(length) else { throw notAZip("directory cut short") }
        return try parse(directory, count: count)
    }

    /// The central directory's file headers.
    static func parse(_ d: [UInt8], count: Int) throws -> [Member] {
        var out: [Member] = []
        out.reserveCapacity(Swift.max(0, Swift.min(count, 100_000)))
        var p = 0
        while p + 46 <= d.count, d.u32(p) == 0x0201_4b50 {
            let nameLength = Int(d.u16(p + 28)), extraLength = Int(d.u16(p + 30)), commentLength = Int(d.u16(p + 32))
            let next = p + 46 + nameLength + extraLength + commentLength
            guard next <= d.count else { throw notAZip("entry runs past the directory") }
            let name = String(decoding: d[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            var size = Int64(d.u32(p + 24))
            var modified = dosDate(time: d.u16(p + 12), date: d.u16(p + 14))
            // Extra fields: ZIP64 sizes (0x0001) and the Unix modification time (0x5455, UTC).
            var e = p + 46 + nameLength
            let extraEnd = e + extraLength
            while e + 4 <= extraEnd {
                let id = d.u16(e), n = Int(d.u16(e + 2))
                guard e + 4 + n <= extraEnd else { break }
                if id == 0x0001, size == 0xFFFF_FFFF, n >= 8 { size = Swift.max(0, Int64(bitPattern: d.u64(e + 4))) }
                if id == 0x5455, n >= 5, d[e + 4] & 1 != 0 { modified = Date(timeIntervalSince1970: TimeInterval(Int32(bitPattern: d.u32(e + 5)))) }
                e += 4 + n
            }
            out.append(Member(path: name, size: size, modified: modified))
            p = next
        }
        return out
    }

    /// Offset of the end record's signature, searched from the end (a comment may hold anything).
    static func endRecord(_ tail: [UInt8]) -> Int? {
        guard tail.count >= 22 else { return nil }
        for i in stride(from: tail.count - 22, through: 0, by: -1) where tail.u32(i) == 0x0605_4b50 { return i }
        return nil
    }

    /// MS-DOS date and time, in local time as zip tools write them.
    static func dosDate(time: UInt16, date: UInt16) -> Date {
        var c = DateComponents()
        c.year = 1980 + Int(date >> 9); c.month = Int((date >> 5) & 0xF); c.day = Int(date & 0x1F)
        c.hour = Int(time >> 11); c.minute = Int((time >> 5) & 0x3F); c.second = Int(time & 0x1F) * 2
        return Calendar.current.date(from: c) ?? Date(timeIntervalSince1970: 315_532_800)
    }

    static func notAZip(_ why: String) -> CommanderError {
        CommanderError(.unsupported, "cannot read the archive's directory: \(why)")
    }
}

private extension [UInt8] {
    func u16(_ i: Int) -> UInt16 { UInt16(self[i]) | UInt16(self[i + 1]) << 8 }
    func u32(_ i: Int) -> UInt32 { UInt32(u16(i)) | UInt32(u16(i + 2)) << 16 }
    func u64(_ i: Int) -> UInt64 { UInt64(u32(i)) | UInt64(u32(i + 4)) << 32 }
}
