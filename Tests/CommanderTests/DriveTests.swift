import Foundation
@testable import Commander
import Testing

@Suite struct DriveTests {
    @Test func localDriveListsRenamesAndTrashesWithTrashinfo() async throws {
        let (drive, work) = Env.local()
        let root = ItemRef.path(work.path)
        try write(work.appendingPathComponent("a.txt"), 10)
        let made = try await drive.mkdir("folder", in: root)
        #expect(made.isFolder)
        let listed = try await drive.list(root).sorted { $0.name < $1.name }   // readdir order
        #expect(listed.map(\.name) == ["a.txt", "folder"])
        #expect(listed[0].size == 10)

        await #expect(throws: CommanderError.self) { try await drive.rename(.path(work.path + "/a.txt"), to: "folder") }
        let renamed = try await drive.rename(.path(work.path + "/a.txt"), to: "b.txt")
        #expect(renamed.name == "b.txt")
        #expect(try await drive.checksum(renamed.ref) == sha1(bytes(10)))

        // To the freedesktop trash, with a .trashinfo naming where it lived.
        try await drive.delete(renamed.ref, permanent: false)
        #expect(!FileManager.default.fileExists(atPath: renamed.path!))
        let trashed = try await drive.trashList()
        #expect(trashed.map(\.name) == ["b.txt"])
        #expect(trashed[0].originalPath == renamed.path)
        let info = try String(contentsOf: drive.trashBin.info.appendingPathComponent("b.txt.trashinfo"), encoding: .utf8)
        #expect(info.hasPrefix("[Trash Info]\nPath=") && info.contains("DeletionDate="))

        // A second item of the same name gets its own slot.
        try write(work.appendingPathComponent("b.txt"), 5)
        try await drive.delete(.path(work.path + "/b.txt"), permanent: false)
        #expect(try await drive.trashList().count == 2)

        // Permanent delete bypasses the trash.
        try await drive.delete(made.ref, permanent: true)
        #expect(try await drive.trashList().count == 2)
        #expect(try await drive.list(root).isEmpty)
    }

    @Test func localNamesComeFirstThenTheirDetails() async throws {
        let (drive, work) = Env.local()
        try write(work.appendingPathComponent("a.bin"), 1234)
        try FileManager.default.createDirectory(at: work.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: work.path + "/link", withDestinationPath: "a.bin")
        let names = try drive.names(.path(work.path)).sorted { $0.name < $1.name }
        #expect(names.map(\.name) == ["a.bin", "link", "sub"] && names.allSatisfy(\.detailsPending))
        #expect(names.map(\.kind) == [.file, .symlink, .folder])
        try FileManager.default.removeItem(at: work.appendingPathComponent("sub"))  // gone before its stat
        let full = try drive.details(of: names, in: work.path)
        #expect(full.map(\.name) == ["a.bin", "link"] && full.allSatisfy { !$0.detailsPending })
        #expect(full[0].size == 1234 && full[0].modified.timeIntervalSinceNow > -600)
        #expect(try await drive.list(.path(work.path)).map(\.name).sorted() == ["a.bin", "link"])
    }

    @Test func cloudDriveAddressesByPathAndId() async throws {
        let drive = try await Env.cloud()
        let top = try await drive.testFolder("drive")
        let sub = try await drive.mkdir("sub", in: top.ref)
        let byPath = try await drive.mkdir("p", in: .path(top.path! + "/sub"))
        #expect(byPath.path == top.path! + "/sub/p")
        let listedByID = try await drive.list(sub.ref)
        let listedByPath = try await drive.list(.path(top.path! + "/sub"))
        #expect(listedByID.map(\.folderid) == listedByPath.map(\.folderid))
        #expect(listedByPath.first?.path == top.path! + "/sub/p")

        let stat = try await drive.stat(.path(top.path! + "/sub/p"))
        #expect(stat.folderid == byPath.folderid && stat.isFolder)
        let renamed = try await drive.rename(byPath.ref, to: "q")
        #expect(renamed.name == "q")
        await #expect(throws: CommanderError.self) { try await drive.rename(renamed.ref, to: "q") == renamed }
        let missing = await #expect(throws: CommanderError.self) { try await drive.stat(.path(top.path! + "/nope")) }
        #expect(missing?.kind == .notFound && missing?.code != 0)
        try await drive.delete(top.ref, permanent: false)
        await #expect(throws: CommanderError.self) { try await drive.list(top.ref) }
    }
}
