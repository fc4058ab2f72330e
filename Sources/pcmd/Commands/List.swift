import ArgumentParser
import Commander
import Foundation

struct List: CloudCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List a pCloud folder.",
        discussion: "Example: pcmd ls -l pc:/Documents")

    @Flag(name: .short, help: "Long listing: kind, size, modified time.")
    var long = false
    @Flag(name: .customShort("R"), help: "List subfolders too, one path per line.")
    var recursive = false
    @Flag(help: "JSON: one object with `contents`, or one object per line with -R.")
    var json = false
    @Argument(help: ArgumentHelp("The pCloud folder or file (pc:/path; pc: is the root).", valueName: "path"))
    var path = RemotePath(absolute: "/")
    @OptionGroup var cloud: CloudOptions

    func run(on account: Remote) async throws {
        let top = try await account.entry(path)
        guard top.isFolder else { return try show([(path, top)], flat: false) }
        if recursive {
            // Folder by folder (REAL-SERVICE §6: recursive listing of big trees and of the root fails).
            try await walk(path, account)
        } else {
            let entries = try await account.drive.list(.path(path.path)).map { (path.appending($0.name), $0) }
            if json {
                try Console.json(FolderRecord(path: path.path, contents: entries.map { EntryRecord($1, path: $0.path) }))
            } else {
                try show(entries, flat: false)
            }
        }
    }

    func walk(_ folder: RemotePath, _ account: Remote) async throws {
        let entries = try await account.drive.list(.path(folder.path)).map { (folder.appending($0.name), $0) }
        try show(entries, flat: true)
        for (p, e) in entries where e.isFolder { try await walk(p, account) }
    }

    /// Names (or full paths when recursive), with -l the long columns, with --json a line each.
    func show(_ entries: [(RemotePath, Entry)], flat: Bool) throws {
        if json {
            for (p, e) in entries { try Console.json(EntryRecord(e, path: p.path)) }
            return
        }
        let name: (RemotePath, Entry) -> String = { p, e in (flat ? p.path : e.name) + (e.isFolder ? "/" : "") }
        guard long else { return entries.forEach { Console.out(name($0, $1)) } }
        Self.longTable(entries.map { p, e in (e, name(p, e)) })
    }

    /// `-l`'s columns: kind, size, modified, name (the trash listing shows the same).
    static func longTable(_ rows: [(Entry, String)]) {
        Console.table(rows.map { e, name in
            [e.isFolder ? "d" : "-", e.isFolder ? "-" : Units.bytes(e.size), time.string(from: e.modified), name]
        }, rightAligned: [1])
    }

    static let time: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f
    }()
}

struct FolderRecord: Encodable {
    var path: String
    var contents: [EntryRecord]
}
