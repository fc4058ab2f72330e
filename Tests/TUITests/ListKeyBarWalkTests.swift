import Commander
import Foundation
import Testing
@testable import TUI

/// The walks of the shares, public links and revisions screens and of find results: each key
/// their bottom line (or key bar) shows, pressed, and its effect read back from the sandbox.
extension KeyBarWalkTests {
    func top<T>(_ h: Harness, _ type: T.Type) -> T? { h.app.overlays.last as? T }

    /// The confirm dialog `title` opened with Cancel focused; its verb is then pressed.
    func confirmByItsVerb(_ h: Harness, _ title: String) -> Bool {
        guard let d = top(h, ChoiceDialog.self), d.title == title, d.choices[d.selected] == "Cancel" else { return false }
        h.keys(.left, .enter)
        return true
    }

    func said(_ h: Harness, _ text: String) async -> Bool {
        await h.settle { h.app.status.text.contains(text) }
    }

    @Test func everyKeyOfTheSharesLineDoesWhatItShows() async throws {
        let h = try await Harness.ownSandbox()
        defer { Task { await h.finish() } }
        let box = try #require(h.sandbox)
        let (alice, bob) = (box.info.users[0].email, box.info.users[1].email)
        let bobs = try await Env.cloud(1, on: box)
        let q = JobQueue()
        func offer(_ name: String, from drive: CloudDrive, to mail: String) async throws {
            let folder = try await drive.testFolder(name, unique: false)
            try await q.perform(.share(Item(drive, folder.ref), mail: mail, permissions: .readOnly, message: nil))
        }
        // Two offers to alice (accept, decline); alice's own: one to cancel, one kept, one bob accepted.
        for name in ["offer-a", "offer-b"] { try await offer(name, from: bobs, to: alice) }
        for name in ["to-cancel", "kept", "active"] { try await offer(name, from: h.cloud, to: bob) }
        let request = try #require(try await bobs.shares().first { $0.incoming && $0.name == "active" }?.sharerequestid)
        try await q.perform(.acceptShare(drive: bobs, sharerequestid: request, name: nil))

        let screen = try await h.open(.char("w"), as: SharesScreen.self, until: { $0.shares.count == 5 })
        func row(_ name: String) -> @MainActor () -> Int? { { screen.shares.firstIndex { $0.name == name } } }
        func server(_ holds: ([ShareInfo]) -> Bool) async -> Bool { (try? await h.cloud.shares()).map(holds) == true }
        await walk(h, screen, needle: "kept", found: { screen.shares[screen.cursor].name == "kept" },
                   cursor: [.accept: row("offer-a"), .decline: row("offer-b"), .cancelOffer: row("to-cancel"),
                            .permissions: row("active"), .delete: row("active")], [
            .accept: {
                guard await said(h, "accept offer-a: done") else { return false }
                return await server { $0.contains { $0.name == "offer-a" && $0.incoming && $0.shareid != nil } }
            },
            .decline: {
                guard await said(h, "decline offer-b: done") else { return false }
                return await server { !$0.contains { $0.name == "offer-b" } }
            },
            .cancelOffer: {
                guard await said(h, "cancel offer of to-cancel: done") else { return false }
                return await server { !$0.contains { $0.name == "to-cancel" } }
            },
            // The menu starts on the share's permissions (read only); the next one is picked.
            .permissions: {
                guard let menu = top(h, ChoiceDialog.self), menu.title == "Permissions for \(bob)",
                      menu.choices[menu.selected] == "read only" else { return false }
                h.keys(.down, .enter)
                guard await said(h, "change permissions: done") else { return false }
                return await server { $0.contains { $0.name == "active" && !$0.incoming && $0.permissions == [.create] } }
            },
            .delete: {
                guard confirmByItsVerb(h, "Remove share"), await said(h, "remove share: done") else { return false }
                return await server { !$0.contains { $0.name == "active" && !$0.incoming } }
            },
        ])
    }

    @Test func everyKeyOfThePublicLinksLineDoesWhatItShows() async throws {
        let h = try await Harness.ownSandbox()
        defer { Task { await h.finish() } }
        let folder = try await h.cloud.testFolder("links", files: ["a.txt": "a", "b.txt": "b", "c.txt": "c"], unique: false)
        let q = JobQueue()
        for e in try await h.cloud.list(folder.ref) {
            try await q.perform(.createPublink(Item(h.cloud, e.ref, name: e.name), PublinkLimits()))
        }
        let screen = try await h.open(.char("P"), as: PublinksScreen.self, until: { $0.links.count == 3 })
        // The walk tries each key on the first row; the last one is found by the name it links.
        let last = try #require(screen.links.last)
        func server(_ holds: ([PublinkInfo]) -> Bool) async -> Bool { (try? await h.cloud.publinks()).map(holds) == true }
        await walk(h, screen, needle: last.title, found: { screen.cursor > 0 && screen.links[screen.cursor].linkid == last.linkid }, [
            .open: { top(h, PublinkDialog.self)?.link.linkid == screen.links[0].linkid },
            .copyURL: { h.app.status.text == "copied \(screen.links[0].link) to the clipboard" },
            .expiry: {
                let link = screen.links[0]
                guard top(h, ExpiryDialog.self) != nil, link.expires == nil else { return false }
                h.keys(.down, .enter)   // 1 day
                guard await said(h, "change expiry: done") else { return false }
                return await server { $0.contains { $0.linkid == link.linkid && $0.expires != nil } }
            },
            .delete: {
                let link = screen.links[0]
                guard confirmByItsVerb(h, "Delete link"), await said(h, "delete link: done") else { return false }
                return await server { $0.count == 2 && !$0.contains { $0.linkid == link.linkid } }
            },
        ])
    }

    @Test func everyKeyOfTheRevisionsLineDoesWhatItShows() async throws {
        let h = try await Harness.ownSandbox()
        defer { Task { await h.finish() } }
        let folder = try await h.cloud.testFolder("docs", files: ["todo.md": "first"], unique: false)
        try await h.cloud.upload(["todo.md": "second"], into: folder)
        try await h.cloud.upload(["todo.md": "third, now"], into: folder)
        h.app.panesScreen.active = 1
        h.goTo("/docs")
        let p = h.app.panesScreen.panes[1]
        #expect(await h.settle { p.current?.name == "todo.md" })
        let file = try #require(p.current)
        let screen = try await h.open(.char("v"), as: RevisionsScreen.self, until: { $0.revisions.count == 2 })
        // Newest first: the first row holds "second"; the oldest is found by its hash.
        let (newest, oldest) = (screen.revisions[0], screen.revisions[1])
        let id = newest.revisionid
        await walk(h, screen, needle: String(try #require(oldest.hash)),
                   found: { screen.revisions[screen.cursor].revisionid == oldest.revisionid }, [
            .view: {
                await h.settle { top(h, TextViewer.self).map { $0.title == "todo.md @ revision \(id)" && $0.lines == ["second"] } == true }
            },
            .download: {
                guard await said(h, "download revision \(id) as todo.rev\(id).md: done") else { return false }
                return (try? String(contentsOf: h.local.appendingPathComponent("todo.rev\(id).md"), encoding: .utf8)) == "second"
            },
            .revert: {
                guard confirmByItsVerb(h, "Revert"), await said(h, "revert todo.md to \(id): done") else { return false }
                return (try? await h.cloud.text(file.ref)).map { String(decoding: $0, as: UTF8.self) } == "second"
            },
        ])
    }

    /// Find results keep the panes' F-keys, each acting on the found file; their own keys (named
    /// in the status line) go to the file's folder or back to the folder searched.
    @Test func everyKeyOfTheFindResultsDoesWhatItShows() async throws {
        let h = try await Harness(local: ["walk.txt": "walk"])
        let folder = try await h.cloud.testFolder("tui-find-walk")
        let deep = try await h.cloud.mkdir("deep", in: folder.ref)
        try await h.cloud.upload(["link-me.txt": "linked"], into: deep)
        h.app.panesScreen.active = 1
        h.goTo("/\(folder.name)")
        let p = h.app.panesScreen.panes[1]
        await h.settle { p.load == .ready && p.current?.name == "deep" }
        func find() async -> Bool {
            h.keys(.char("f")); h.type("link-me"); h.keys(.enter)
            return await h.settle { p.found?.searching == false && p.current?.name == "link-me.txt" }
        }
        #expect(await find())
        let (open, parent) = (h.app.keyName(.open, in: .findResults), h.app.keyName(.parent, in: .findResults))
        #expect(h.app.status.text.contains("\(open) opens a folder or goes to a file · \(parent) leaves the results"), "\(h.app.status)")
        await walkFKeys(h, .findResults) { #expect(p.found != nil) }

        press(h, open)
        #expect(await h.settle { p.found == nil && p.load == .ready && p.current?.name == "link-me.txt" })
        #expect(p.location.path == "/\(folder.name)/deep")
        h.reload(p, to: .path("/\(folder.name)"))
        #expect(await find())
        press(h, parent)
        #expect(await h.settle { p.found == nil && p.load == .ready })
        #expect(p.location.path == "/\(folder.name)")
    }
}
