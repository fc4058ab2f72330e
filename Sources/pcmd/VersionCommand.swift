import ArgumentParser

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print pcmd's version; with --json also the commit and the Swift version it was built from.")

    @Flag(help: "Print JSON: version, commit, swift.")
    var json = false

    /// The facts a bug report wants, under their JSON keys.
    struct Facts: Encodable {
        let version = Version.number
        let commit = BuildInfo.commit
        let swift = BuildInfo.swift
    }

    func run() throws {
        if json { try Console.json(Facts()); return }
        Console.out("pcmd \(Version.number) (commit \(BuildInfo.commit), Swift \(BuildInfo.swift))")
    }
}
