import Foundation
import Testing

@Suite struct LinkCommandTests {
    /// The publink's bytes through pCloud's own download path: `getpublinkdownload`, then
    /// `https://` + hosts[0] + path.
    func download(code: String) async throws -> Data {
        let api = try await CLI.sandbox().httpsURL!
        let reply = try await curlJSON("\(api)/getpublinkdownload?code=\(code)")
        let hosts = try #require(reply["hosts"] as? [String], "\(reply)")
        let path = try #require(reply["path"] as? String)
        return try await curl("https://\(hosts[0])\(path)")
    }

    @Test func aLinkDownloadsTheRightBytesWithCurl() async throws {
        let home = try await ConfigHome.signedIn()
        let remote = try await home.makeRemoteFolder("link")
        let file = try home.makeLocalFile("photo.jpg", size: 70_000)
        #expect(try await home.run(["put", file.path, remote]).status == 0)

        let plain = try await home.run(["link", "\(remote)/photo.jpg"])
        #expect(plain.status == 0, "\(plain)")
        #expect(plain.stdout.hasPrefix("https://"), "\(plain)")

        let expiring = try await home.run(["link", "\(remote)/photo.jpg", "--expire", "7d", "--json"]).json()
        // getfilepublink answers without the limits; listpublinks shows them.
        let listedExpiring = try await home.run(["links", "--json"]).jsonLines().first { $0["code"] as? String == expiring["code"] as? String }
        let expires = try #require(listedExpiring?["expires"] as? Int, "\(String(describing: listedExpiring))")
        #expect(abs(expires - (Int(Date().timeIntervalSince1970) + 7 * 86_400)) < 120)
        #expect(try await home.run(["link", "\(remote)/photo.jpg", "--expire", "soon"]).status == 2)

        let json = try await home.run(["link", "\(remote)/photo.jpg", "--json"]).json()
        let code = try #require(json["code"] as? String)
        #expect(try await download(code: code) == Data(contentsOf: file))

        let listed = try await home.run(["links", "--json"]).jsonLines()
        #expect(listed.contains { $0["code"] as? String == code })
        #expect(try await home.run(["links", "--delete", code]).status == 0)
        #expect(try await home.run(["links", "--json"]).jsonLines().contains { $0["code"] as? String == code } == false)
    }

    /// `pcmd links` says what each link is to: the item's name (escaped, a folder with `/`),
    /// exact in `--json`.
    @Test func linksNameWhatTheyLinkTo() async throws {
        let home = try await ConfigHome.signedIn()
        let remote = try await home.makeRemoteFolder("named")
        let name = "evil\u{202E}txt.exe 写真"
        let file = try home.makeLocalFile(name, content: Data("x".utf8))
        #expect(try await home.run(["put", file.path, remote]).status == 0)
        let fileLink = try await home.run(["link", "\(remote)/\(name)", "--json"]).json()
        let folderLink = try await home.run(["link", remote, "--json"]).json()
        let text = try await home.run(["links"])
        #expect(text.status == 0, "\(text)")
        let lines = text.stdout.split(separator: "\n")
        let fileLine = try #require(lines.first { $0.hasPrefix(fileLink["code"] as? String ?? "-") }, "\(text)")
        #expect(fileLine.hasSuffix("  evil\\u202etxt.exe 写真"), "\(text)")
        let folderLine = try #require(lines.first { $0.hasPrefix(folderLink["code"] as? String ?? "-") }, "\(text)")
        #expect(folderLine.hasSuffix("  \(remote.dropFirst(4))/"), "\(text)")
        let json = try await home.run(["links", "--json"]).jsonLines()
        #expect(json.first { $0["code"] as? String == fileLink["code"] as? String }?["name"] as? String == name, "\(json)")
    }

    @Test func copyHandsTheURLToXclipWhenThereIsADisplay() async throws {
        let home = try await ConfigHome.signedIn()
        let remote = try await home.makeRemoteFolder("copy")
        // A stand-in xclip that keeps what it was given.
        let bin = try home.makeLocalFolder("bin")
        let clip = home.root.appendingPathComponent("clipboard.txt")
        let xclip = bin.appendingPathComponent("xclip")
        try "#!/bin/sh\ncat > '\(clip.path)'\n".write(to: xclip, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: xclip.path)
        let path = "\(bin.path):" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let out = try await home.run(["link", remote, "--copy"], env: ["PATH": path, "DISPLAY": ":0"])
        #expect(out.status == 0, "\(out)")
        #expect(out.stderr.contains("xclip"), "\(out)")
        #expect(try String(contentsOf: clip, encoding: .utf8) == out.stdout.trimmingCharacters(in: .newlines))
    }

    @Test func qrDrawsHalfBlocksBelowTheURL() async throws {
        let home = try await ConfigHome.signedIn()
        let remote = try await home.makeRemoteFolder("qr")
        let out = try await home.run(["link", remote, "--qr"])
        #expect(out.status == 0, "\(out)")
        let lines = out.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count > 10)
        #expect(lines.dropFirst().allSatisfy { $0.allSatisfy { " ▀▄█".contains($0) } }, "\(out.stdout)")
        // A square code: twice as many module rows as text lines, as wide as tall.
        #expect(lines.dropFirst().allSatisfy { $0.count == lines[1].count })
    }

    @Test func aTreeLinkAndAFolderLink() async throws {
        let home = try await ConfigHome.signedIn()
        let remote = try await home.makeRemoteFolder("tree")
        let a = try home.makeLocalFile("a.txt", content: Data("a".utf8))
        #expect(try await home.run(["put", a.path, remote]).status == 0)
        let tree = try await home.run(["link", "--tree", "\(remote)/a.txt", remote, "--name", "both"])
        #expect(tree.status == 0, "\(tree)")
        let folder = try await home.run(["link", "--folder", "\(remote)/a.txt"])
        #expect(folder.status == 0, "\(folder)")
        let missing = try await home.run(["link", "\(remote)/nope.txt"])
        #expect(missing.status == 1, "\(missing)")
    }

    @Test func uploadLinksAreCreatedListedAndDeleted() async throws {
        let home = try await ConfigHome.signedIn()
        let remote = try await home.makeRemoteFolder("drop")
        let created = try await home.run(["uploadlink", "create", remote, "--comment", "Send me the slides", "--json"])
        #expect(created.status == 0, "\(created)")
        let id = try #require(try created.json()["uploadlinkid"] as? Int)
        let listed = try await home.run(["uploadlink", "--json"]).jsonLines()
        #expect(listed.contains { $0["uploadlinkid"] as? Int == id && $0["comment"] as? String == "Send me the slides" })
        #expect(try await home.run(["uploadlink", "delete", String(id)]).status == 0)
        #expect(try await home.run(["uploadlink", "ls", "--json"]).jsonLines().contains { $0["uploadlinkid"] as? Int == id } == false)
    }
}
