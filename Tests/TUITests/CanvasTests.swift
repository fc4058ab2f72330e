import Foundation
import Testing
@testable import TUI

@Suite struct CanvasTests {
    @Test func wideCharactersTakeTwoColumnsAndKeepAlignment() {
        var c = Canvas(width: 12, height: 2)
        let end = c.put("中文ab", x: 0, y: 0, .plain)
        #expect(end == 6)
        c.put("|", x: 6, y: 0, .plain)
        c.put("abcdef|", x: 0, y: 1, .plain)
        // Both bars in column 6: the CJK row is as wide on screen as the ASCII one.
        #expect(c.row(0).firstIndex(of: "|").map { TextWidth.of(String(c.row(0)[..<$0])) } == 6)
        #expect(c.row(1).firstIndex(of: "|").map { TextWidth.of(String(c.row(1)[..<$0])) } == 6)
    }

    @Test func aWideCharacterThatDoesNotFitBecomesASpace() {
        var c = Canvas(width: 5, height: 1)
        c.put("ab中文", x: 0, y: 0, .plain, limit: 5)
        #expect(c.row(0) == "ab中 ")
    }

    @Test func overwritingHalfAWideCharacterLeavesNoHalfGlyph() {
        var c = Canvas(width: 6, height: 1)
        c.put("中文", x: 0, y: 0, .plain)
        c.put("x", x: 1, y: 0, .plain)
        #expect(c.row(0) == " x文  ")
    }

    @Test func namesAreCutInTheMiddle() {
        let cut = TextWidth.fitMiddle("a-very-long-file-name.tar.gz", 15)
        #expect(TextWidth.of(cut) == 15)
        #expect(cut.hasPrefix("a-very-") && cut.hasSuffix("tar.gz") && cut.contains("…"))
        let cjk = TextWidth.fitMiddle("中文中文中文中文.txt", 9)
        #expect(TextWidth.of(cjk) <= 9 && cjk.hasSuffix(".txt"))
        #expect(TextWidth.fitMiddle("short", 10) == "short")
    }

    @Test func controlCharactersAreEscapedNeverSent() {
        #expect(TextWidth.printable("a\u{1B}[31mb\tc") == "a\\e[31mb\\tc")
        #expect(TextWidth.printable("x\u{9B}y") == "x\\u009by")
        #expect(TextWidth.printable("❤️") == "❤")
        #expect(!TextWidth.printable("bell\u{07}").unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func emojiAndCJKWidths() {
        #expect(TextWidth.of("🎵") == 2)
        #expect(TextWidth.of("日本語") == 6)
        #expect(TextWidth.of("e\u{301}") == 1)
    }

    @Test func frameWithTitle() {
        var c = Canvas(width: 12, height: 3)
        c.frame(c.bounds, .plain, title: "Hi")
        #expect(c.text == "┌─── Hi ───┐\n│          │\n└──────────┘")
    }
}

@Suite struct ThemeAndKeymapTests {
    static let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../themes").standardized

    @Test(arguments: ["default", "mc-classic", "solarized-dark", "light", "mono"])
    func everyShippedThemeLoads(_ name: String) throws {
        let t = try Theme.load(name, searchPath: [Self.themes])
        #expect(t.name == name)
        // Every theme tells the cursor row apart from the others.
        #expect(t[.cursor] != t[.pane])
        if name == "mono" { #expect(Role.allCases.allSatisfy { t[$0].fg == .default && t[$0].bg == .default }) }
    }

    @Test func aThemeInheritsAndMonochromeDropsColours() throws {
        var t = try Theme.load("mc-classic", searchPath: [Self.themes])
        #expect(t[.pane].bg == TermColor(name: "blue"))
        #expect(t[.error].bg == TermColor(name: "red"))   // from default
        t.monochrome = true
        #expect(t[.pane].bg == .default && t[.cursor].fg == .default)
    }

    @Test func theShippedThemesAreCompiledInAndAUsersFileOverridesThem() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themes.path)
            .filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
        #expect(files == ShippedThemes.names)
        for name in files {
            let built = try Theme.load(name, searchPath: [])
            let read = try Theme.load(name, searchPath: [Self.themes])
            #expect(Role.allCases.allSatisfy { built[$0] == read[$0] }, "\(name)")
        }
        // A user's default.toml wins, also where another shipped theme inherits from it.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "[styles]\nerror = { bg = \"green\" }\n".write(to: dir.appendingPathComponent("default.toml"), atomically: true, encoding: .utf8)
        #expect(try Theme.load("default", searchPath: [dir])[.error].bg == TermColor(name: "green"))
        #expect(try Theme.load("mc-classic", searchPath: [dir])[.error].bg == TermColor(name: "green"))
        #expect(try Theme.load("mc-classic", searchPath: [])[.error].bg == TermColor(name: "red"))
    }

    @Test func badThemesSayWhy() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "[styles]\ncursor = { fg = \"purplish\" }\n".write(to: dir.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        #expect(throws: Theme.LoadError.self) { try Theme.load("bad", searchPath: [dir]) }
        for (file, text) in [("typed", "[styles]\ncursor = { bold = \"yes\" }\n"), ("flat", "styles = 1\n"), ("unparsable", "[styles\n")] {
            try text.write(to: dir.appendingPathComponent("\(file).toml"), atomically: true, encoding: .utf8)
            #expect(throws: Theme.LoadError.self) { try Theme.load(file, searchPath: [dir]) }
        }
        #expect(throws: Theme.LoadError.self) { try Theme.load("missing", searchPath: [dir]) }
    }

    @Test func colourNames() {
        #expect(TermColor(name: "bright-blue")?.index == 12)
        #expect(TermColor(name: "color208")?.index == 208)
        #expect(TermColor(name: "#ff0000")?.index == 196)
        #expect(TermColor(name: "nope") == nil)
    }

    @Test func mcAndVimKeysBothWork() throws {
        let k = try Keymap()
        #expect(k.resolve([.f(5)]) == .command(.copy))
        #expect(k.resolve([.char("j")]) == .command(.down))
        #expect(k.resolve([.down]) == .command(.down))
        #expect(k.resolve([.f(10)]) == .command(.quit))
        #expect(k.resolve([.char("g")]) == .pending)
        #expect(k.resolve([.char("g"), .char("g")]) == .command(.top))
        #expect(k.resolveTimeout([.char("g")]) == .goTo)
        #expect(k.resolve([.ctrl("s")]) == .command(.quickJump))
    }

    @Test func overridesRebindAndUnknownNamesFail() throws {
        let k = try Keymap(overrides: ["C-p": "publink"])
        #expect(k.resolve([.ctrl("p")]) == .command(.publink))
        #expect(throws: KeymapError.self) { try Keymap(overrides: ["C-p": "fly"]) }
        #expect(throws: KeymapError.self) { try Keymap(overrides: ["Hyper-x": "quit"]) }
    }

    @Test func helpListsEveryCommandWithItsKeys() throws {
        let k = try Keymap()
        for context in KeyContext.allCases {
            let lines = HelpScreen.lines(k, context)
            for spec in CommandTable.specs(context) {
                #expect(lines.contains { $0.contains(spec.title) && $0.contains("(\(spec.command.rawValue))") }, "\(context) \(spec.command)")
                // Every command has a key by default.
                #expect(!k.keys(for: spec.command, in: context).isEmpty, "\(context) \(spec.command)")
            }
        }
        #expect(HelpScreen.lines(k).contains { $0.contains("F5") && $0.contains("Copy") })
    }
}
