import Commander
import Foundation
import Testing
@testable import TUI
#if canImport(Glibc)
import Glibc
#endif

/// A local name that is not UTF-8 is in the pane, escaped; copied to pCloud it is left behind by
/// name ("done with 1 skipped"), the rest goes.
@Suite(.serialized) @MainActor struct UnusualNameScreenTests {
    @Test func theLocalPaneListsItEscapedAndACopyToTheCloudSkipsIt() async throws {
        let h = try await Harness(local: ["good.txt": "fine"])
        let folder = try await h.cloud.testFolder("tui-names")
        let path = Array(h.local.path.utf8) + Array("/bad-".utf8) + [0xFF, 0xFE] + Array("-utf8.txt".utf8)
        let fd = open(path.map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        close(fd)
        h.app.panesScreen.active = 1
        h.goTo("/\(folder.name)")
        h.app.panesScreen.active = 0
        h.reload(h.app.panesScreen.panes[0])
        await h.settle { h.app.panesScreen.panes.allSatisfy { $0.load == .ready } && h.app.panesScreen.panes[0].entries.count == 2
            && h.app.panesScreen.panes[1].location.path == "/\(folder.name)" }
        #expect(h.screen().contains(#"bad-\xff\xfe-utf8.txt"#), "\(h.screen())")

        h.keys(.char("*"))  // mark all files
        h.keys(.f(5), .enter)
        #expect(await h.settle { h.app.status.text.contains("skipped") }, "\(h.app.status.text)")
        #expect(h.app.status.text.contains("done with 1 skipped") && h.app.status.text.contains("not valid UTF-8"))
        #expect(h.screen().contains(#"bad-\xff\xfe-utf8.txt"#))
        #expect(try await h.cloud.list(folder.ref).map(\.name) == ["good.txt"])
    }

    @Test func theEditorAndTheViewerGetTheNamesOwnBytes() throws {
        let dir = try Env.scratch()
        let name: [UInt8] = Array("caf".utf8) + [0xE9] + Array(" \\ x.txt".utf8)
        let path = (Array(dir.path.utf8) + [0x2F] + name).map { CChar(bitPattern: $0) } + [0]
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0 && Glibc.write(fd, "old", 3) == 3)
        close(fd)
        let shown = dir.path + "/" + RawName.decode(name)
        #expect(String(decoding: try Preview.read(shown), as: UTF8.self) == "old")
        #expect(Editor.run("printf new >", shown) == nil)
        #expect(String(decoding: try Preview.read(shown), as: UTF8.self) == "new")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.count == 1, "no second file made")
    }
}
