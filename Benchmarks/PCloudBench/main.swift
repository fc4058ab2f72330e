// pcloud-bench: drives PCloudAPI for Benchmarks/client-vs-curl-rclone.sh. Not part of pcmd.
//
//   pcloud-bench upload FILE [--mode auto|put|put-unverified|resumable] [--chunk MiB] [--folder ID]
//   pcloud-bench download FILEID OUT [--mode nosync]
//   (upload --mode put, download and list take --transport urlsession: the same calls over
//    URLSession instead of the client's async-http-client, see URLSessionTransport.swift)
//   pcloud-bench batch DIR [--per-request N] [--parallel P] [--folder ID]
//   pcloud-bench list FOLDERID
//   pcloud-bench seed NAME COUNT          (a folder of COUNT empty files, by multipart batches)
//   pcloud-bench seed-tree NAME TOP SUB FILES  (NAME/top-i/sub-j/FILES empty files of five kinds)
//   pcloud-bench find PATH PATTERN…       (Commander's find index: the build, then each pattern
//                                          answered from it; milliseconds inside the process)
//
// Environment: PCLOUD_URL (the sandbox's https URL), PCLOUD_TOKEN (OAuth token), PCLOUD_CA.
// Prints one line of JSON: what was done and the seconds it took inside the process.
import Commander
import Foundation
import PCloudAPI

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("pcloud-bench: \(message)\n".utf8))
    exit(2)
}

let env = ProcessInfo.processInfo.environment
guard let base = env["PCLOUD_URL"].flatMap(URL.init(string:)), let token = env["PCLOUD_TOKEN"] else {
    fail("set PCLOUD_URL and PCLOUD_TOKEN")
}
var args = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    let value = args[i + 1]
    args.removeSubrange(i...(i + 1))
    return value
}
let mode = option("--mode") ?? "auto"
let chunkMiB = option("--chunk").flatMap { Int64($0) }
let folder = option("--folder").flatMap { Int($0) } ?? 0
let perRequest = option("--per-request").flatMap { Int($0) } ?? 250
let parallel = option("--parallel").flatMap { Int($0) } ?? 2
let transport = option("--transport") ?? "ahc"
guard let command = args.first else { fail("no command (upload, download, batch, list, seed)") }

let client = try PCloudClient(endpoint: .custom(base), credentials: Credentials(oauthToken: token),
                              config: TransportConfig(caFile: env["PCLOUD_CA"]))

func report(_ fields: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

func batches<T>(_ items: [T], of size: Int) -> [[T]] {
    stride(from: 0, to: items.count, by: size).map { Array(items[$0..<min($0 + size, items.count)]) }
}

/// Runs `work` over `items` with at most `width` at once.
func concurrently<T: Sendable>(_ items: [T], width: Int, _ work: @escaping @Sendable (T) async throws -> Int) async throws -> Int {
    try await withThrowingTaskGroup(of: Int.self) { group in
        var total = 0, next = 0
        while next < min(width, items.count) { let item = items[next]; group.addTask { try await work(item) }; next += 1 }
        while let n = try await group.next() {
            total += n
            if next < items.count { let item = items[next]; group.addTask { try await work(item) }; next += 1 }
        }
        return total
    }
}

let clock = ContinuousClock()
let started = clock.now
func seconds() -> Double {
    let d = clock.now - started
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

if transport == "urlsession" {
    let session = URLSessionTransport(base: base, token: token, decoder: client)
    do {
        switch command {
        case "upload" where mode == "put" && args.count == 2:
            let (metadata, checksums, _) = try await session.uploadFile(URL(fileURLWithPath: args[1]), to: folder,
                                                                        renameifexists: true)
            report(["command": "upload", "mode": mode, "transport": transport, "seconds": seconds(),
                    "fileid": metadata.fileid ?? 0, "size": metadata.size ?? 0, "sha1": checksums?.sha1 ?? ""])
        case "download" where args.count == 3:
            guard let fileid = Int(args[1]) else { fail("download FILEID OUT") }
            let size = try await session.download(fileid: fileid, to: URL(fileURLWithPath: args[2]), durable: mode != "nosync")
            report(["command": "download", "transport": transport, "seconds": seconds(), "size": size])
        case "list" where args.count == 2:
            guard let id = Int(args[1]) else { fail("list FOLDERID") }
            let listing = try await session.listFolder(id)
            report(["command": "list", "transport": transport, "seconds": seconds(), "entries": listing.contents?.count ?? 0])
        default:
            fail("--transport urlsession does upload --mode put FILE, download FILEID OUT, list FOLDERID")
        }
    } catch {
        fail("\(command) over URLSession failed: \(error)")
    }
    exit(0)
} else if transport != "ahc" {
    fail("--transport is ahc or urlsession")
}

do {
    switch command {
    case "upload":
        guard args.count == 2 else { fail("upload FILE") }
        let url = URL(fileURLWithPath: args[1])
        let options = UploadOptions(renameifexists: true, verify: mode != "put-unverified")
        let result: UploadResult
        switch mode {
        case "put", "put-unverified": result = try await client.uploadFile(url, to: folder, options: options)
        case "resumable":
            result = try await client.uploadResumable(url, to: folder, options: options,
                                                      chunk: (chunkMiB ?? PCloudClient.resumableChunk >> 20) << 20)
        default: result = try await client.upload(url, to: folder, options: options)
        }
        report(["command": "upload", "mode": mode, "seconds": seconds(), "fileid": result.metadata.fileid ?? 0,
                "size": result.metadata.size ?? 0, "sha1": result.checksums?.sha1 ?? ""])
    case "download":
        guard args.count == 3, let fileid = Int(args[1]) else { fail("download FILEID OUT") }
        let options = PCloudClient.DownloadOptions(durable: mode != "nosync")
        let metadata = try await client.download(fileid: fileid, to: URL(fileURLWithPath: args[2]), options: options)
        report(["command": "download", "transport": transport, "seconds": seconds(), "size": metadata.size ?? 0])
    case "batch":
        guard args.count == 2 else { fail("batch DIR") }
        let dir = URL(fileURLWithPath: args[1])
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        let target = try await client.createFolder(in: folder, name: "batch-\(UUID().uuidString.prefix(8))").itemID
        let files = names.map { (dir.appendingPathComponent($0), $0) }
        let groups = batches(files, of: perRequest)
        let stored = try await concurrently(groups, width: parallel) { group in
            try await client.uploadBatch(group, to: target).count
        }
        guard stored == files.count else { fail("stored \(stored) of \(files.count)") }
        report(["command": "batch", "seconds": seconds(), "files": stored, "folderid": target])
    case "list":
        guard args.count == 2, let id = Int(args[1]) else { fail("list FOLDERID") }
        let listing = try await client.listFolder(id)
        report(["command": "list", "transport": transport, "seconds": seconds(), "entries": listing.contents?.count ?? 0])
    case "seed":
        guard args.count == 3, let count = Int(args[2]) else { fail("seed NAME COUNT") }
        let created = try await client.createFolderIfNotExists(in: folder, name: args[1]).metadata.itemID
        let have = try await client.listFolder(created).contents?.count ?? 0
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("pcloud-bench-empty-\(getpid())")
        _ = FileManager.default.createFile(atPath: empty.path, contents: Data())
        defer { try? FileManager.default.removeItem(at: empty) }
        let names = (have..<count).map { (empty, String(format: "entry-%07d.txt", $0)) }
        let stored = try await concurrently(batches(names, of: 1000), width: parallel) { group in
            try await client.uploadBatch(group, to: created, options: UploadOptions(verify: false)).count
        }
        report(["command": "seed", "seconds": seconds(), "folderid": created, "added": stored, "entries": have + stored])
    case "seed-tree":
        guard args.count == 5, let top = Int(args[2]), let sub = Int(args[3]), let files = Int(args[4]) else {
            fail("seed-tree NAME TOP SUB FILES")
        }
        let root = try await client.createFolderIfNotExists(in: folder, name: args[1]).metadata.itemID
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("pcloud-bench-empty-\(getpid())")
        _ = FileManager.default.createFile(atPath: empty.path, contents: Data())
        defer { try? FileManager.default.removeItem(at: empty) }
        let kinds = ["txt", "jpg", "mp3", "pdf", "zip"]
        var leaves: [(Int, Int)] = []
        for t in 0..<top {
            let tid = try await client.createFolderIfNotExists(in: root, name: String(format: "top-%02d", t)).metadata.itemID
            for s in 0..<sub {
                leaves.append((try await client.createFolderIfNotExists(in: tid, name: String(format: "sub-%03d", s)).metadata.itemID, t * sub + s))
            }
        }
        let stored = try await concurrently(leaves, width: parallel) { leaf in
            let names = (0..<files).map { (empty, String(format: "file-%07d.%@", leaf.1 * files + $0, kinds[$0 % kinds.count])) }
            return try await client.uploadBatch(names, to: leaf.0, options: UploadOptions(verify: false)).count
        }
        report(["command": "seed-tree", "seconds": seconds(), "folderid": root, "files": stored,
                "folders": top + top * sub])
    case "find":
        guard args.count >= 3 else { fail("find PATH PATTERN…") }
        let drive = CloudDrive(client: client)
        // The change feed is what lets the index answer again without listing (as in the TUI).
        let feed = Task { for try await _ in drive.changes() {} }
        defer { feed.cancel() }
        while await !drive.index.isFollowing { try await Task.sleep(for: .milliseconds(10)) }
        let before = clock.now
        let first = try await drive.find(try FindQuery(pattern: args[2]), under: args[1])
        let build = clock.now - before
        var runs: [[String: Any]] = []
        for pattern in args.dropFirst(2) {
            let query = try FindQuery(pattern: pattern)
            var times: [Double] = []
            var found = 0
            for _ in 0..<21 {
                let t0 = clock.now
                found = try await drive.find(query, under: args[1]).count
                let d = clock.now - t0
                times.append(Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1000)
            }
            times.sort()
            runs.append(["pattern": pattern, "found": found, "median_ms": times[10], "max_ms": times[20]])
        }
        let stats = await drive.index.stats
        report(["command": "find", "entries": stats?.entries ?? 0, "build_requests": stats?.requests ?? 0,
                "build_ms": Double(build.components.seconds) * 1000 + Double(build.components.attoseconds) / 1e15,
                "first_found": first.count, "finds": runs])
    default:
        fail("unknown command \(command)")
    }
} catch {
    fail("\(command) failed: \(error)")
}
