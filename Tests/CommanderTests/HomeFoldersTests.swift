import Foundation
import HomeFolders
import Testing

/// One reading of home and the XDG folders for every part of pcmd.
@Suite struct HomeFoldersTests {
    @Test func homeComesFromHOMEAndEachFolderFromItsVariable() {
        let f = HomeFolders(environment: ["HOME": "/h", "XDG_CONFIG_HOME": "/c", "XDG_DATA_HOME": "/d",
                                          "XDG_STATE_HOME": "/s", "XDG_CACHE_HOME": "/k"])
        #expect([f.home, f.config, f.data, f.state, f.cache].map(\.path) == ["/h", "/c", "/d", "/s", "/k"])
    }

    @Test func unsetEmptyOrRelativeVariablesFallBackUnderHome() {
        let f = HomeFolders(environment: ["HOME": "/h", "XDG_CONFIG_HOME": "", "XDG_DATA_HOME": "rel/data"])
        #expect([f.config, f.data, f.state, f.cache].map(\.path) == ["/h/.config", "/h/.local/share", "/h/.local/state", "/h/.cache"])
    }

    @Test func withoutHOMEThePasswdEntrysHomeIsUsed() throws {
        let entry = try #require(getpwuid(getuid()))
        let passwd = String(cString: try #require(entry.pointee.pw_dir))
        #expect(HomeFolders(environment: [:]).home.path == URL(fileURLWithPath: passwd).path)
        #expect(HomeFolders(environment: ["HOME": ""]).home.path == URL(fileURLWithPath: passwd).path)
    }

    @Test func tildeMeansHomeOnlyAtTheStart() {
        let f = HomeFolders(environment: ["HOME": "/h"])
        #expect(f.expandingTilde("~") == "/h")
        #expect(f.expandingTilde("~/Music") == "/h/Music")
        #expect(f.expandingTilde("~bob/x") == "~bob/x")
        #expect(f.expandingTilde("a/~") == "a/~")
    }
}
