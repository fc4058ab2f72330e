import Foundation
import GRDB
@preconcurrency import ZIPFoundation

struct ExtractProgress: Sendable {
    var output: [String] = []
    var finished = false
    var error: APIError?
}

/// `extractarchive`: a zip in the cloud unpacked into a folder on the server. It works for up
/// to two seconds; longer jobs go on in the background and answer `extractarchiveprogress`.
/// Entries that would land outside the target (`../`, absolute paths) refuse the whole archive.
enum Extraction {
    static func extractarchive(_ call: Call) async throws -> Reply {
        let p = call.params, env = call.env, user = call.user
        let policy = p["overwrite"] ?? "rename"
        guard ["rename", "overwrite", "skip"].contains(policy) else { throw APIError(1037) }
        let (archiveFile, target) = try await call.read { t -> (FileRow, FolderRow) in
            let file = try p.file(in: t)
            let target: FolderRow
            if let id = try p.int64("tofolderid", invalid: 1017) { target = try t.folder(id) }
            else if let path = p["topath"] { target = try t.folder(path: path) }
            else { throw APIError(1037) }
            return (file, target)
        }
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: env.store.blobs.path(archiveFile.blob)), accessMode: .read) }
        catch { throw APIError(2059, "Unsupported archive format.") }
        let entries = Array(archive)
        for entry in entries where !safe(entry.path) { throw APIError(3006, "Extracting of the archive failed.") }

        let hash = p["progresshash"] ?? "extract-\(Tokens.random(length: 16))"
        env.extractions.start(hash, ExtractProgress(output: ["\(archiveFile.name): Zip"]))
        Task {
            do {
                try await run(entries: entries, archive: archive, into: target, policy: policy, user: user, env: env, hash: hash)
                env.extractions.finish(hash) { $0.output.append("Successfully extracted."); $0.finished = true }
            } catch {
                let e = error as? APIError ?? APIError(3006, "Extracting of the archive failed.")
                env.extractions.finish(hash) { $0.output.append("Error: \(e.message)"); $0.finished = true; $0.error = e }
            }
        }
        // Answer within about two seconds, as pCloud does; the job goes on if it needs longer.
        let deadline = Date().addingTimeInterval(2)
        while env.extractions.get(hash)?.finished != true, Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
        let state = env.extractions.get(hash)!
        if let e = state.error { throw e }
        var o = JSONObject([("finished", .bool(state.finished))])
        if !state.finished {
            o["progresshash"] = .string(hash)
            let host = "\(call.origin.hostName):\(call.origin.localPort)"
            for (k, v) in [("hostname", host), ("ip", call.origin.hostName), ("ipbin", call.origin.hostName),
                           ("ipv6", "::1"), ("binhostname", host)] { o[k] = .string(v) }
        }
        if !p.bool("nooutput") {
            o["output"] = .array(state.output.map { .string($0) })
            o["lines"] = .int(state.output.count)
        }
        return .json(o)
    }

    static func progress(_ call: Call) async throws -> Reply {
        guard let hash = call.params["progresshash"] else { throw APIError(1052) }
        guard let state = call.env.extractions.get(hash) else { throw APIError(1900) }
        let skip = max(0, min(Int(try call.params.int64("lines") ?? 0), state.output.count))
        return .json(JSONObject([("finished", .bool(state.finished)), ("lines", .int(state.output.count)),
                                 ("output", .array(state.output[skip...].map { .string($0) }))]))
    }

    /// A relative path that stays inside the target.
    static func safe(_ path: String) -> Bool {
        guard !path.hasPrefix("/"), !path.contains("\\") else { return false }
        return !path.split(separator: "/").contains("..")
    }

    private static func run(entries: [Entry], archive: Archive, into target: FolderRow, policy: String,
                            user: UserRow, env: SandboxEnv, hash: String) async throws {
        for entry in entries {
            var components = entry.path.split(separator: "/").map(String.init)
            guard !components.isEmpty, entry.type != .symlink else { continue }
            let name = entry.type == .directory ? nil : components.removeLast()
            let parts = components, path = entry.path
            // Folders on the way, created as needed.
            let parent = try await env.store.write { db -> FolderRow in
                let t = try Tree(db: db, user: user)
                var folder = try t.folder(t.wire(target.fid))
                for part in parts {
                    folder = try t.childFolder(folder.fid, try Tree.validName(part)) ?? t.createFolder(in: folder, name: part)
                }
                return folder
            }
            guard let name else { continue }
            let incoming = try env.store.blobs.newIncoming(region: env.config.region)
            do {
                _ = try archive.extract(entry, skipCRC32: false) { data in try incoming.write(.init(data: data)) }
            } catch {
                incoming.discard()
                throw APIError(3006, "Extracting of the archive failed.")
            }
            let blob = try env.store.blobs.commit(incoming)
            let mtime = Int64(entry.fileAttributes[.modificationDate].flatMap { ($0 as? Date)?.timeIntervalSince1970 } ?? Double(Dates.now()))
            let line = try await env.store.write { db -> String in
                let t = try Tree(db: db, user: user)
                try blob.register(db)
                let exists = try t.childFile(parent.fid, try Tree.validName(name)) != nil
                if exists && policy == "skip" { return "  \(path)  (\(blob.size) B)... skipped." }
                _ = try t.putFile(in: parent, name: name, content: Content(blob), mtime: mtime, ctime: nil,
                                  renameIfExists: exists && policy == "rename")
                return "  \(path)  (\(blob.size) B)... OK."
            }
            env.extractions.update(hash) { $0.output.append(line) }
        }
    }
}
