import Foundation
@testable import Commander
import Testing
@preconcurrency import ZIPFoundation

/// A cloud extract into a folder that has some of the archive's names asks about the entry that
/// collides, with that entry's size and time, not the archive's.
@Suite struct ExtractConflictTests {
    let queue = JobQueue()

    @Test func theConflictNamesTheEntryWithItsSizeAndTime() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud()
        let top = try await drive.testFolder("extract-conflict")
        // An archive of two files with a known time; the target folder already has the second.
        let when = Date(timeIntervalSince1970: 1_600_000_000)
        let archive = try Archive(url: work.appendingPathComponent("Holiday 2025.zip"), accessMode: .create)
        for (name, size) in [("first.txt", 3), ("photo.png", 4321)] {
            let data = bytes(size)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(size), modificationDate: when,
                                 compressionMethod: .deflate) { (pos: Int64, n: Int) in data.subdata(in: Int(pos)..<Int(pos) + n) }
        }
        try write(work.appendingPathComponent("photo.png"), 9)
        try await queue.perform(.copy([Item(local, path: work.path + "/Holiday 2025.zip")], into: Item(drive, top.ref)))
        let into = try await drive.mkdir("Holiday 2025", in: top.ref)
        try await queue.perform(.copy([Item(local, path: work.path + "/photo.png")], into: Item(drive, into.ref)))
        let zip = try #require(try await child(drive, top.ref, "Holiday 2025.zip"))

        let asked = Locked<[Conflict]>([])
        let resolver = AskingResolver { c in
            asked.withLock { $0.append(c) }
            return ConflictResolution(.skip)
        }
        let done = try await queue.perform(.extract(Item(drive, zip), into: Item(drive, into.ref, name: "/x/Holiday 2025"), password: nil),
                                           resolver: resolver)
        #expect(done.first?.title == "Extract Holiday 2025.zip into /x/Holiday 2025")
        let c = try #require(asked.current.first)
        #expect(asked.current.count == 1)
        #expect(c.source.name == "photo.png" && c.existing.name == "photo.png")
        #expect(c.source.size == 4321 && c.existing.size == 9)
        // DOS times have two-second steps; the archive itself is dated now.
        #expect(abs(c.source.modified.timeIntervalSince(when)) <= 2)
        // Skipped: the existing file is left, the other entry comes out.
        let names = Set(try await drive.list(into.ref).map(\.name))
        #expect(names == ["photo.png", "first.txt"])
    }

    @Test func aFolderWithNoneOfTheNamesIsNotAskedAbout() async throws {
        let (local, work) = Env.local()
        let drive = try await Env.cloud()
        let top = try await drive.testFolder("extract-free")
        let archive = try Archive(url: work.appendingPathComponent("a.zip"), accessMode: .create)
        let data = bytes(10)
        try archive.addEntry(with: "inner/a.txt", type: .file, uncompressedSize: 10, compressionMethod: .none) { (pos: Int64, n: Int) in
            data.subdata(in: Int(pos)..<Int(pos) + n)
        }
        try write(work.appendingPathComponent("other.txt"), 5)
        try await queue.perform(.copy([Item(local, path: work.path + "/a.zip"), Item(local, path: work.path + "/other.txt")],
                                      into: Item(drive, top.ref)))
        let zip = try #require(try await child(drive, top.ref, "a.zip"))
        let asked = Locked(0)
        try await queue.perform(.extract(Item(drive, zip), into: Item(drive, top.ref), password: nil),
                                resolver: AskingResolver { _ in asked.withLock { $0 += 1 }; return ConflictResolution(.skip) })
        #expect(asked.current == 0)
        #expect(try await child(drive, top.ref, "inner") != nil)
    }

    @Test func aDirectoryIsReadFromTheEndOfTheArchive() async throws {
        // Parsing alone, on bytes ZIPFoundation wrote, including a comment-free end record.
        let archive = try Archive(accessMode: .create)
        let data = bytes(70_000)
        try archive.addEntry(with: "dir/", type: .directory, uncompressedSize: 0) { (_: Int64, _: Int) in Data() }
        try archive.addEntry(with: "dir/big.bin", type: .file, uncompressedSize: 70_000, compressionMethod: .deflate) { (pos: Int64, n: Int) in
            data.subdata(in: Int(pos)..<Int(pos) + n)
        }
        let zip = [UInt8](archive.data ?? Data())
        let reads = Locked(0)
        let members = try await ZipDirectory.members(size: Int64(zip.count)) { offset, length in
            reads.withLock { $0 += 1 }
            return Array(zip[Int(offset)..<min(zip.count, Int(offset) + length)])
        }
        #expect(members.map(\.path) == ["dir/", "dir/big.bin"] && members[1].size == 70_000 && members[0].isFolder)
        #expect(reads.current == 2)
        // Not a zip, or cut short: an error, never a crash.
        await #expect(throws: CommanderError.self) {
            try await ZipDirectory.members(size: 5000) { _, length in [UInt8](repeating: 0x50, count: min(length, 5000)) }
        }
        await #expect(throws: CommanderError.self) {
            try await ZipDirectory.members(size: Int64(zip.count)) { offset, length in
                Array(zip[Int(offset)..<min(zip.count, Int(offset) + length)].prefix(length / 2))
            }
        }
    }
}
