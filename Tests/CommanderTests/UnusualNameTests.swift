import Foundation
@testable import Commander
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Local names that are bytes, not UTF-8 (legal on Linux): listed, copied byte for byte, and
/// never silently dropped on the way to pCloud, which refuses them (and a backslash) with 2001.
@Suite struct UnusualNameTests {
    let queue = JobQueue()
    /// `bad-\xff\xfe-utf8.txt`: two bytes that begin no UTF-8 sequence.
    static let bad: [UInt8] = Array("bad-".utf8) + [0xFF, 0xFE] + Array("-utf8.txt".utf8)
    /// `café.txt` in Latin-1, inside a folder `dir-\xe9`.
    static let latin1Folder: [UInt8] = Array("dir-".utf8) + [0xE9]
    static let latin1File: [UInt8] = Array("caf".utf8) + [0xE9] + Array(".txt".utf8)
    /// Valid UTF-8 for U+10FF85, the private-use scalar that also stands for byte 0x85.
    static let privateUse: [UInt8] = Array("pua-".utf8) + [0xF4, 0x8F, 0xBE, 0x85]

    /// Writes `content` at `dir`/`name` with the name's bytes as they are (not through Swift strings).
    func create(_ dir: [UInt8], _ name: [UInt8], _ content: String) throws {
        let fd = open((dir + [0x2F] + name).map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        let bytes = Array(content.utf8)
        #expect(Glibc.write(fd, bytes, bytes.count) == bytes.count)
        close(fd)
    }

    func mkdirBytes(_ path: [UInt8]) {
        #expect(Glibc.mkdir(path.map { CChar(bitPattern: $0) } + [0], 0o755) == 0)
    }

    /// Every name and file content under `dir`, by raw readdir: relative byte paths → content.
    func tree(_ dir: [UInt8], prefix: [UInt8] = []) -> [[UInt8]: String] {
        var out: [[UInt8]: String] = [:]
        guard let d = opendir(dir.map { CChar(bitPattern: $0) } + [0]) else { return out }
        defer { closedir(d) }
        while let ent = readdir(d) {
            let name = withUnsafeBytes(of: ent.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            let full = dir + [0x2F] + name
            if Int32(ent.pointee.d_type) == DT_DIR {
                out[prefix + name + [0x2F]] = "folder"
                out.merge(tree(full, prefix: prefix + name + [0x2F])) { a, _ in a }
            } else {
                out[prefix + name] = read(full)
            }
        }
        return out
    }

    func read(_ path: [UInt8]) -> String {
        let fd = open(path.map { CChar(bitPattern: $0) } + [0], O_RDONLY)
        guard fd >= 0 else { return "<cannot open>" }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = Glibc.read(fd, &buffer, buffer.count)
        return String(decoding: buffer.prefix(max(0, n)), as: UTF8.self)
    }

    /// A source folder with a plain file, a name that is not UTF-8, a Latin-1 folder holding a
    /// Latin-1 name, and a valid name whose scalar lies in the range the raw bytes use.
    func source(_ work: URL) throws -> [UInt8] {
        let src = Array(work.appendingPathComponent("src").path.utf8)
        mkdirBytes(src)
        try create(src, Array("plain.txt".utf8), "plain")
        try create(src, Self.bad, "not utf-8")
        mkdirBytes(src + [0x2F] + Self.latin1Folder)
        try create(src + [0x2F] + Self.latin1Folder, Self.latin1File, "latin-1")
        try create(src, Self.privateUse, "private use")
        return src
    }

    @Test func aNameThatIsNotUTF8IsListedEscapedWithItsDetails() async throws {
        let (drive, work) = Env.local()
        let src = try source(work)
        let entries = try await drive.list(.path(String(decoding: src, as: UTF8.self)))
        let shown = Set(entries.map { TerminalText.escaped($0.name) })
        #expect(shown == ["plain.txt", #"bad-\xff\xfe-utf8.txt"#, #"dir-\xe9"#, #"pua-\xf4\x8f\xbe\x85"#], "\(shown)")
        let bad = try #require(entries.first { TerminalText.escaped($0.name) == #"bad-\xff\xfe-utf8.txt"# })
        #expect(bad.kind == .file && bad.size == 9 && !bad.detailsPending)
        #expect(RawName.bytes(bad.name) == Self.bad)
        #expect(Names.cloudRefusal(bad.name) != nil && Names.cloudRefusal("plain.txt") == nil)
    }

    @Test func aLocalCopyKeepsEveryNameByteForByte() async throws {
        let (drive, work) = Env.local()
        let src = try source(work)
        let dst = work.appendingPathComponent("dst")
        try FileManager.default.createDirectory(at: dst, withIntermediateDirectories: true)
        let done = try await queue.perform(.copy([Item(drive, path: work.path + "/src")], into: Item(drive, path: dst.path)))
        #expect(done[0].state == .done && done[0].skipped.isEmpty)
        let want = tree(src)
        #expect(want.count == 5)
        #expect(tree(Array(dst.appendingPathComponent("src").path.utf8)) == want)

        // A folder copied in one call (the drive's own copy) and a move keep them too.
        let again = Array(work.appendingPathComponent("again").path.utf8)
        _ = try await drive.copy(.path(work.path + "/src"), into: .path(work.path), as: "again", overwrite: false, progress: nil)
        #expect(tree(again) == want)
        let moved = try await queue.perform(.move([Item(drive, path: work.path + "/again")], into: Item(drive, path: dst.path)))
        #expect(moved[0].state == .done)
        #expect(tree(Array(dst.appendingPathComponent("again").path.utf8)) == want)
        try await drive.delete(.path(dst.path + "/again"), permanent: true)
        #expect(!FileManager.default.fileExists(atPath: dst.path + "/again"))
    }

    @Test func aDownloadLandsInAFolderWhoseNameIsNotUTF8() async throws {
        let (local, work) = Env.local()
        let cloudDrive = try await Env.cloud()
        let top = try await cloudDrive.testFolder("down")
        let src = try source(work)
        let plain = Item(local, path: String(decoding: src, as: UTF8.self) + "/plain.txt")
        _ = try await queue.perform(.copy([plain], into: Item(cloudDrive, top.ref)))
        let uploaded = try #require(try await cloudDrive.child("plain.txt", of: top.ref))
        let folder = String(decoding: src, as: UTF8.self) + "/" + RawName.decode(Self.latin1Folder)
        let down = try await queue.perform(.copy([Item(cloudDrive, uploaded.ref)], into: Item(local, path: folder)))
        #expect(down[0].state == .done)
        #expect(tree(src + [0x2F] + Self.latin1Folder) == [Self.latin1File: "latin-1", Array("plain.txt".utf8): "plain"])
    }

    @Test func aLocalZipLeavesOutNamesItCannotHoldByName() async throws {
        let (drive, work) = Env.local()
        _ = try source(work)
        let zipped = try await queue.perform(.zip([Item(drive, path: work.path + "/src")], into: Item(drive, path: work.path),
                                                  name: "out.zip"))
        #expect(zipped[0].state == .done)
        #expect(Set(zipped[0].skipped.map { TerminalText.escaped($0.path) })
                == [work.path + #"/src/bad-\xff\xfe-utf8.txt"#, work.path + #"/src/dir-\xe9"#, work.path + #"/src/pua-\xf4\x8f\xbe\x85"#])
        try FileManager.default.createDirectory(atPath: work.path + "/x", withIntermediateDirectories: true)
        try await queue.perform(.extract(Item(drive, path: work.path + "/out.zip"), into: Item(drive, path: work.path + "/x"),
                                         password: nil))
        #expect(tree(Array((work.path + "/x/src").utf8)) == [Array("plain.txt".utf8): "plain"])
    }

    @Test func theTrashTakesAndGivesBackANameThatIsNotUTF8() async throws {
        let (drive, work) = Env.local()
        let src = try source(work)
        let entries = try await drive.list(.path(String(decoding: src, as: UTF8.self)))
        let bad = try #require(entries.first { RawName.bytes($0.name) == Self.bad })
        try await drive.delete(bad.ref, permanent: false)
        #expect(tree(src)[Self.bad] == nil)
        let trashed = try #require(try await drive.trashList().first { RawName.bytes($0.name) == Self.bad })
        #expect(trashed.originalPath == bad.path)
        _ = try await drive.restore(trashed)
        #expect(tree(src)[Self.bad] == "not utf-8")
        #expect(try await drive.trashList().isEmpty)
    }

    @Test func anUploadSkipsNamesPCloudRefusesNamingEachAndCompareShowsThemOnlyLocal() async throws {
        let (local, work) = Env.local()
        let cloudDrive = try await Env.cloud()
        let top = try await cloudDrive.testFolder("names")
        let src = try source(work)
        try create(src, Array("back\\slash.txt".utf8), "backslash")
        let up = try await queue.perform(.copy([Item(local, path: work.path + "/src")], into: Item(cloudDrive, top.ref)))
        #expect(up[0].state == .done)
        let skipped = Set(up[0].skipped.map { TerminalText.escaped($0.path) })
        #expect(skipped == [work.path + #"/src/bad-\xff\xfe-utf8.txt"#, work.path + #"/src/dir-\xe9/"#,
                            work.path + #"/src/pua-\xf4\x8f\xbe\x85"#, work.path + #"/src/back\slash.txt"#], "\(skipped)")
        #expect(up[0].skipped.allSatisfy { !$0.reason.isEmpty && $0.hint != nil })
        let uploaded = try #require(try await cloudDrive.child("src", of: top.ref))
        #expect(try await cloudDrive.list(uploaded.ref).map(\.name) == ["plain.txt"])

        let compared = try await queue.perform(.compare(Item(local, path: work.path + "/src"), Item(cloudDrive, uploaded.ref),
                                                        CompareOptions(mode: .quick, recursive: true)))
        guard case .comparison(let c)? = compared[0].result else { Issue.record("no comparison"); return }
        let onlyLocal = Set(c.differences.filter { $0.status == .onlyLeft }.map { TerminalText.escaped($0.path) })
        #expect(onlyLocal == [#"bad-\xff\xfe-utf8.txt"#, #"dir-\xe9/caf\xe9.txt"#, #"pua-\xf4\x8f\xbe\x85"#, #"back\slash.txt"#],
                "\(onlyLocal)")

        // Sending the difference leaves them behind too, and makes no folder of private-use characters.
        let sent = try await queue.perform(.sendDifference(c.differences.filter { $0.status == .onlyLeft },
                                                           from: Item(local, path: work.path + "/src"), side: .left,
                                                           into: Item(cloudDrive, uploaded.ref)))
        #expect(sent[0].state == .done && sent[0].skipped.count == 4, "\(sent[0].skipped)")
        #expect(try await cloudDrive.list(uploaded.ref).map(\.name) == ["plain.txt"])
    }
}
