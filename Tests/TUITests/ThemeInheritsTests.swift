import Foundation
import Testing
@testable import TUI

/// `inherits` in a user's theme: a theme of the same name as the one it inherits takes the next
/// one in the search order (a user's default.toml tweaking the shipped default), and a cycle is
/// an error naming it, not an endless recursion that crashed pcmd at start. A file TOML cannot
/// read is named with its line.
@Suite struct ThemeInheritsTests {
    func folder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func aThemeInheritingItsOwnNameTakesTheShippedOne() throws {
        let dir = try folder(["default.toml": "inherits = \"default\"\n[styles]\nstatus = { fg = \"red\" }\n"])
        let theme = try Theme.load("default", searchPath: [dir])
        let shipped = try Theme.load("default", searchPath: [])
        #expect(theme[.status].fg == TermColor(name: "red") && theme[.cursor] == shipped[.cursor])
    }

    @Test func aCycleIsAnErrorNamingIt() throws {
        let dir = try folder(["loop.toml": "inherits = \"loop\"\n", "a.toml": "inherits = \"b\"\n", "b.toml": "inherits = \"a\"\n"])
        for (name, cycle) in [("loop", "loop → loop"), ("a", "a → b → a")] {
            do {
                _ = try Theme.load(name, searchPath: [dir])
                Issue.record("\(name) loaded")
            } catch {
                #expect("\(error)" == "theme '\(name)': inherits itself (\(cycle))", "\(error)")
            }
        }
    }

    /// A theme file TOML cannot read is named with the line of the fault: the theme's name alone
    /// did not say which of the search path's files to open.
    @Test func aParseErrorNamesTheFileAndLine() throws {
        let dir = try folder(["broken.toml": "[styles]\nstatus = { fg = \"red\" \n"])
        do {
            _ = try Theme.load("broken", searchPath: [dir])
            Issue.record("broken loaded")
        } catch {
            let file = dir.appendingPathComponent("broken.toml").path
            #expect("\(error)".hasPrefix("theme 'broken': \(file), line 2: "), "\(error)")
        }
    }
}
