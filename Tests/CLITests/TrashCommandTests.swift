import Foundation
import Testing

@Suite struct TrashCommandTests {
    @Test func aTrashedFileIsRestoredInPlaceOrElsewhere() async throws {
        let home = ConfigHome()
        #expect(try await home.passwordLogin(0).status == 0)
        let folder = try await home.makeRemoteFolder("trash")
        let other = try await home.makeRemoteFolder("trash-to")
        let file = try home.makeLocalFile("gone-\(UUID().uuidString.prefix(6)).txt", content: Data("keep me".utf8))
        let name = file.lastPathComponent
        #expect(try await home.run(["put", file.path, folder]).status == 0)
        #expect(try await home.run(["rm", "\(folder)/\(name)"]).status == 0)

        let trashed = try await home.run(["trash", "ls", "--json"]).jsonLines()
        #expect(trashed.contains { $0["name"] as? String == name }, "\(trashed)")

        let restored = try await home.run(["trash", "restore", "\(folder)/\(name)"])
        #expect(restored.status == 0, "\(restored)")
        #expect(try await home.run(["ls", folder]).stdout == "\(name)\n")

        #expect(try await home.run(["rm", "\(folder)/\(name)"]).status == 0)
        #expect(try await home.run(["trash", "restore", name, "--to", other]).status == 0)
        #expect(try await home.run(["ls", other]).stdout == "\(name)\n")

        let missing = try await home.run(["trash", "restore", "\(folder)/never-there.txt"])
        #expect(missing.status == 1 && missing.stderr.contains("pcmd trash ls"), "\(missing)")
    }

    @Test func anOAuthOnlyAccountIsToldHowToOpenTheTrash() async throws {
        let home = try await ConfigHome.signedIn(0)
        let out = try await home.run(["trash"])
        #expect(out.status == 3, "\(out)")
        #expect(out.stderr.contains("login --password"), "\(out)")
    }

    @Test func clearingTheTrashWantsAYes() async throws {
        let home = ConfigHome()
        #expect(try await home.passwordLogin(2).status == 0)
        let folder = try await home.makeRemoteFolder("clear")
        #expect(try await home.run(["rm", "-r", folder]).status == 0)
        #expect(try await home.run(["trash", "clear"]).status == 1)
        let cleared = try await home.run(["trash", "clear", "--yes"])
        #expect(cleared.status == 0, "\(cleared)")
        #expect(try await home.run(["trash", "--json"]).stdout.isEmpty)
    }
}
