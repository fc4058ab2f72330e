import Foundation
import Testing

/// scripts/install.sh into a temporary prefix, with the binary built for these tests.
@Suite struct InstallScriptTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    func script(_ args: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [Self.repo.appendingPathComponent("scripts/install.sh").path] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    func tree(_ root: URL) -> [String] {
        (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []).sorted()
    }

    @Test func installsTheBinaryManPageCompletionsAndThemesAndUninstallsExactlyThose() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-prefix-\(UUID().uuidString)")
        // Something of someone else's in a folder the install shares: it must survive the uninstall.
        let other = prefix.appendingPathComponent("share/man/man1/other.1")
        try FileManager.default.createDirectory(at: other.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: other)
        let before = tree(prefix)

        let install = try script(["--prefix", prefix.path, "--binary", CLI.binary.path])
        #expect(install.status == 0, "\(install.output)")
        let installed = Set(tree(prefix))
        for file in ["bin/pcmd", "share/man/man1/pcmd.1", "share/bash-completion/completions/pcmd", "share/zsh/site-functions/_pcmd",
                     "share/fish/vendor_completions.d/pcmd.fish", "share/pcmd/themes/default.toml", "share/pcmd/install-manifest"] {
            #expect(installed.contains(file), "\(file) missing")
        }
        #expect(try String(contentsOf: prefix.appendingPathComponent("share/man/man1/pcmd.1"), encoding: .utf8).hasPrefix(".TH PCMD 1"))
        #expect(try String(contentsOf: prefix.appendingPathComponent("share/bash-completion/completions/pcmd"), encoding: .utf8).contains("complete"))
        // Stripped: no symbol table left.
        let sections = Process()
        sections.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sections.arguments = ["readelf", "-S", "-W", prefix.appendingPathComponent("bin/pcmd").path]
        let pipe = Pipe()
        sections.standardOutput = pipe
        try sections.run()
        let listing = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        sections.waitUntilExit()
        #expect(listing.contains(".text") && !listing.contains(".symtab") && !listing.contains(".debug_info"))

        let uninstall = try script(["--prefix", prefix.path, "--uninstall"])
        #expect(uninstall.status == 0, "\(uninstall.output)")
        #expect(tree(prefix) == before)
        #expect(try script(["--prefix", prefix.path, "--uninstall"]).status == 1)
    }
}
