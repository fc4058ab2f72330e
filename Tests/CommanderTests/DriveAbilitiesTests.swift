import Foundation
@testable import Commander
import Testing

/// Callers ask a drive what it can do; a drive without an ability answers plainly.
@Suite struct DriveAbilitiesTests {
    @Test func eachDriveSaysWhatItCanDo() async throws {
        let (local, work): (any Drive, URL) = Env.local()
        let cloud: any Drive = try await Env.cloud(trash: true)
        #expect(local.abilities == [.trash])
        #expect(cloud.abilities.isSuperset(of: [.trash, .revisions, .publicLinks, .uploadLinks, .shares, .thumbnails, .fetchURLs]))

        // Through `any Drive`: no type checks needed to reach either drive's trash and text.
        try write(work.appendingPathComponent("a.txt"), 20)
        #expect(try await local.text(.path(work.path + "/a.txt"), limit: 8) == bytes(20).prefix(8))
        #expect(try await local.trashList().isEmpty)
        _ = try await cloud.trashList()   // signed in with the password: no error
        #expect(await local.folderPlaces([5]).isEmpty)

        // What the disk cannot do is an `.unsupported` error, not a crash.
        let e = await #expect(throws: CommanderError.self) { try await local.revisions(of: .path(work.path + "/a.txt")) }
        #expect(e?.kind == .unsupported)
        await #expect(throws: CommanderError.self) { try await local.thumbnail(.path(work.path + "/a.txt"), width: 8, height: 8) }

        // A find through the protocol: the disk's walk and the cloud's index alike.
        let query = FindQuery(pattern: try NamePattern("a.txt"))
        var found: [String] = []
        for try await batch in local.search(query, under: work.path) { found += batch.found.map(\.name) }
        #expect(found == ["a.txt"])
    }

    @Test func bigFoldersOnDiskGiveTheirNamesFirst() async throws {
        let (local, work): (any Drive, URL) = Env.local()
        for i in 0..<5 { try write(work.appendingPathComponent("f\(i)"), i) }
        let early = Locked<[Entry]>([])
        let all = try await local.list(.path(work.path), namesFirstFrom: 3) { names in early.withLock { $0 = names } }
        #expect(early.current.count == 5 && early.current.allSatisfy(\.detailsPending))
        #expect(all.count == 5 && !all.contains(where: \.detailsPending))
        let none = Locked(0)
        _ = try await local.list(.path(work.path), namesFirstFrom: 6) { _ in none.withLock { $0 += 1 } }
        #expect(none.current == 0)
    }
}
