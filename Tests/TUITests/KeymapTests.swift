import Commander
import Testing
@testable import TUI

/// The one key table: defaults compiled into the binary, contexts, overrides and clashes.
@Suite struct KeymapTests {
    @Test func theDefaultsAreCompiledInAndEveryContextHasItsKeys() throws {
        #expect(Keymap.defaultText.contains("[trash]"))
        let k = try Keymap()
        #expect(k.resolve([.f(2)]) == .command(.publink))
        #expect(k.resolve([.char("r")], in: .trash) == .command(.restore))
        // A screen takes the keys of every list it does not bind itself.
        #expect(k.resolve([.char("j")], in: .trash) == .command(.down))
        #expect(k.resolve([.char("c")], in: .trash) == .none)
        // Find results take the panes' keys beside their own.
        #expect(k.resolve([.backspace], in: .findResults) == .command(.parent))
        #expect(k.resolve([.f(5)], in: .findResults) == .command(.copy))
        #expect(k.resolve([.enter], in: .confirm) == .command(.pick))
        #expect(k.resolve([.char("q")], in: .input) == .none)
        // Every context the table names has a table in the defaults, and the reverse.
        for context in KeyContext.allCases { #expect(Keymap.defaultText.contains("\n[\(context.rawValue)]\n"), "\(context)") }
    }

    @Test func aContextTableRebindsThatContextOnly() throws {
        let k = try Keymap(overrides: KeymapConfig(contexts: ["trash": ["R": "restore", "d": "restore-to-other", "J": "down"],
                                                              "viewer": ["x": "close"]]))
        #expect(k.resolve([.char("R")], in: .trash) == .command(.restore))
        #expect(k.keys(for: .restore, in: .trash) == ["R", "r", "Enter"])
        // d now restores elsewhere; delete forever keeps its other keys.
        #expect(k.resolve([.char("d")], in: .trash) == .command(.restoreToOther))
        #expect(k.keys(for: .delete, in: .trash) == ["F8", "Del"])
        #expect(k.resolve([.char("J")], in: .trash) == .command(.down))
        #expect(k.resolve([.char("J")], in: .shares) == .none)
        #expect(k.resolve([.char("d")], in: .panes) == .command(.delete))
        #expect(k.resolve([.char("x")], in: .viewer) == .command(.close))
        // [keymap]'s own pairs are the panes, as before contexts.
        let p = try Keymap(overrides: ["C-p": "publink"])
        #expect(p.resolve([.ctrl("p")]) == .command(.publink))
        #expect(p.resolve([.ctrl("p")], in: .trash) == .none)
        // Help names the help key in force.
        let h = try Keymap(overrides: ["M-h": "help"])
        #expect(HelpScreen.lines(h).contains("Every screen and dialog has its own keys: M-h (or ?) there lists them."))
    }

    @Test func aKeyBoundTwiceInOneContextIsAnErrorInPlainWords() {
        func message(_ body: () throws -> Keymap) -> String {
            do { _ = try body(); return "no error" } catch { return "\(error)" }
        }
        #expect(message { try Keymap(overrides: KeymapConfig(contexts: ["trash": ["F8": "restore", "f8": "empty-trash"]])) }
                == #"config.toml [keymap.trash]: F8 (written "F8" and "f8") is bound twice, to restore and to empty-trash; a key can do one thing in one place"#)
        #expect(message { try Keymap(overrides: KeymapConfig(panes: ["C-p": "publink"], contexts: ["panes": ["C-p": "share"]])) }
                == "config.toml [keymap]: C-p (in [keymap] and [keymap.panes]) is bound twice, to publink and to share; a key can do one thing in one place")
        #expect(message { try Keymap(defaults: "[trash]\nrestore = [\"r\"]\ndelete = [\"d\", \"r\"]\n") }
                == "keymap-default.toml [trash]: r is bound twice, to restore and to delete; a key can do one thing in one place")
        // The same key in two contexts is no clash.
        #expect(message { try Keymap(overrides: KeymapConfig(panes: ["R": "refresh"], contexts: ["trash": ["R": "restore"]])) } == "no error")
        #expect(message { try Keymap(overrides: KeymapConfig(contexts: ["trash": ["x": "copy"]])) }
            .hasPrefix("config.toml [keymap.trash]: 'copy' is not a command there; its commands are restore, restore-to-other, delete, empty-trash, up"))
        #expect(message { try Keymap(overrides: KeymapConfig(contexts: ["bin": ["x": "restore"]])) }
            .hasPrefix("config.toml [keymap.bin]: no screen or dialog is called 'bin'"))
        #expect(message { try Keymap(overrides: ["Hyper-x": "quit"]) }.hasPrefix("config.toml [keymap]: unknown key 'Hyper-x'"))
    }

    @Test func theKeyBarIsMadeFromTheTable() throws {
        let k = try Keymap()
        #expect(KeyBar.fKeys(k, .panes).map(\.label) == ["Help", "Link", "View", "Edit", "Copy", "Move", "Mkdir", "Delete", "Menu", "Quit"])
        let moved = try Keymap(overrides: ["F2": "share", "F4": "info"])
        #expect(KeyBar.fKeys(moved, .panes).map(\.label).prefix(4) == ["Help", "Share", "View", "Info"])
        #expect(KeyBar.line(k, .trash) == "r restore · o restore to other pane · d delete forever · E empty trash · / find · C-r refresh · ? help · q close")
        let rebound = try Keymap(overrides: KeymapConfig(contexts: ["trash": ["R": "restore"]]))
        #expect(KeyBar.line(rebound, .trash).hasPrefix("R restore · "))
    }
}
