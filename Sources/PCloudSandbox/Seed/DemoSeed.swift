import Foundation
import GRDB
import NIOCore
import ZIPFoundation

/// Demo accounts (always present) and alice's demo tree (`--seed demo`).
enum DemoSeed {
    /// carol has two-factor login on; her code is fixed and printed at start.
    static let accounts: [(email: String, password: String, tfa: String?)] = [
        ("alice@example.com", "alice-sandbox", nil),
        ("bob@example.com", "bob-sandbox", nil),
        ("carol@example.com", "carol-sandbox", "246810"),
    ]
    static let quota: Int64 = 50 << 30

    /// Creates the demo users on an empty store and returns each with an OAuth token.
    static func ensureUsers(store: Store) async throws -> [SandboxInfo.DemoUser] {
        try await store.write { db in
            var out: [SandboxInfo.DemoUser] = []
            for (email, password, tfa) in accounts {
                var user = try UserRow.fetchOne(db, sql: "SELECT * FROM users WHERE email = ?", arguments: [email])
                if user == nil {
                    let now = Dates.now()
                    var root = FolderRow(ownerid: 0, parentid: nil, name: "/", created: now, modified: now)
                    try root.insert(db)
                    var row = UserRow(email: email, password: password, rootid: root.fid, quota: quota, created: now,
                                      emailverified: true, tfacode: tfa)
                    try row.insert(db)
                    try db.execute(sql: "UPDATE folders SET ownerid = ? WHERE id = ?", arguments: [row.uid, root.fid])
                    _ = try Tokens.create(db, user: row.uid, kind: .oauth, device: "pcmd sandbox demo",
                                          expire: 100 * 365 * 86400, inactive: 100 * 365 * 86400)
                    user = row
                }
                let token = try TokenRow.fetchOne(db, sql: "SELECT * FROM tokens WHERE userid = ? AND kind = 'oauth' ORDER BY id LIMIT 1",
                                                  arguments: [user!.uid])
                out.append(.init(email: email, password: user!.password, token: token?.token ?? "", tfaCode: user!.tfacode))
            }
            return out
        }
    }

    /// Gives every user `quota` bytes (`SandboxConfig.quota`).
    static func setQuota(_ quota: Int64, store: Store) async throws {
        try await store.write { db in try db.execute(sql: "UPDATE users SET quota = ?", arguments: [quota]) }
    }

    /// Fills alice's empty account with a browsable tree of a few hundred files.
    static func ensureDemoTree(store: Store, region: Region) async throws {
        let alice = try await store.read { db in
            try UserRow.fetchOne(db, sql: "SELECT * FROM users WHERE email = ?", arguments: [accounts[0].email])
        }
        guard let alice else { return }
        let empty = try await store.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM folders WHERE parentid = ?", arguments: [alice.rootid]) == 0
        }
        guard empty else { return }

        var files: [(path: String, data: Data)] = []
        func text(_ path: String, _ body: String) { files.append((path, Data(body.utf8))) }
        text("/README.txt", """
            Welcome to the pcmd SANDBOX.

            This is a local pCloud-compatible server with demo data: nothing here touches
            your real pCloud account. Browse, copy, share and delete freely.
            """)
        text("/Documents/Notes/todo.md", "# Todo\n\n- [x] try pcmd\n- [ ] share a folder with bob@example.com\n")
        text("/Documents/Notes/ideas.txt", "A two-pane file manager for the cloud.\n")
        for year in 2023...2025 {
            for q in 1...4 {
                text("/Documents/Reports/\(year)/Q\(q) report.txt",
                     "Quarterly report \(year) Q\(q)\n" + String(repeating: "Revenue grew. Costs fell.\n", count: 20 * q))
            }
        }
        text("/Documents/Reports/summary.csv", "year,revenue\n2023,100\n2024,140\n2025,210\n")
        for i in 1...24 {
            files.append((String(format: "/Photos/Holiday 2025/IMG_%04d.png", i), PNG.gradient(width: 64, height: 48, seed: i)))
        }
        for i in 1...6 { files.append(("/Photos/Screenshots/screen-\(i).png", PNG.gradient(width: 96, height: 60, seed: 100 + i))) }
        files.append(("/Photos/猫の写真.png", PNG.gradient(width: 48, height: 48, seed: 7)))
        files.append(("/Photos/🌅 sunrise.png", PNG.gradient(width: 80, height: 45, seed: 9)))
        text("/中文资料/说明.txt", "这是一个演示文件。\n")
        text("/中文资料/会议记录 2025.md", "# 会议记录\n\n- 讨论 pcmd\n")
        text("/日本語/メモ.txt", "これはデモです。\n")
        text("/🎵 Music/playlist.m3u", "#EXTM3U\ntrack01.mp3\n")
        for i in 1...12 {
            files.append((String(format: "/🎵 Music/track%02d.mp3", i), Data(repeating: UInt8(i), count: 4096 + i * 512)))
        }
        text("/Projects/pcmd/Package.swift", "// swift-tools-version:6.0\n")
        text("/Projects/pcmd/Sources/main.swift", "print(\"hello, pCloud\")\n")
        text("/Projects/pcmd/README.md", "# pcmd\n")
        for i in 1...200 {
            text(String(format: "/Logs/2025/day-%03d.log", i),
                 (0..<(5 + i % 20)).map { "2025-01-01T00:00:\(String(format: "%02d", $0 % 60))Z event \($0) of day \(i)" }.joined(separator: "\n") + "\n")
        }
        for i in 1...40 { text("/Logs/old/archive-\(i).log", "old log \(i)\n") }
        files.append(("/Archives/demo-photos.zip", try zip(files.filter { $0.path.hasPrefix("/Photos/Holiday") }.prefix(6))))
        files.append(("/Archives/big-blob.bin", Data((0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })))
        text("/Shared with bob/for-bob.txt", "Share this folder with bob@example.com to try sharing.\n")
        text("/a b + c (copy).txt", "Names with spaces and + signs.\n")

        for (path, data) in files { _ = try await put(path, data, as: alice, store: store, region: region) }
        try await DemoScenes.add(alice: alice, store: store, region: region)
    }

    /// Stores `data` as `path` of `user`, creating the folders on the way; an existing file
    /// is overwritten (its old content becomes a revision).
    @discardableResult
    static func put(_ path: String, _ data: Data, as user: UserRow, store: Store, region: Region) async throws -> FileRow {
        let incoming = try store.blobs.newIncoming(region: region)
        try incoming.write(ByteBuffer(bytes: data))
        let blob = try store.blobs.commit(incoming)
        return try await store.write { db in
            let t = try Tree(db: db, user: user)
            try blob.register(db)
            var parent = try t.folder(0)
            var parts = Tree.components(path)
            let name = parts.removeLast()
            for part in parts {
                parent = try t.childFolder(parent.fid, part) ?? t.createFolder(in: parent, name: part)
            }
            return try t.putFile(in: parent, name: name, content: Content(blob), mtime: nil, ctime: nil)
        }
    }

    private static func zip(_ entries: ArraySlice<(path: String, data: Data)>) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, data) in entries {
            let name = (path as NSString).lastPathComponent
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { pos, size in
                data.subdata(in: Int(pos)..<Int(pos) + size)
            }
        }
        return archive.data ?? Data()
    }
}

/// Tiny valid PNGs (stored deflate blocks) so the demo has real images without image libraries.
enum PNG {
    static func gradient(width: Int, height: Int, seed: Int) -> Data {
        var raw = Data()
        for y in 0..<height {
            raw.append(0)
            for x in 0..<width {
                raw.append(UInt8((x * 255 / max(1, width - 1) + seed * 37) & 0xFF))
                raw.append(UInt8((y * 255 / max(1, height - 1) + seed * 11) & 0xFF))
                raw.append(UInt8((seed * 53 + (x ^ y)) & 0xFF))
            }
        }
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var ihdr = Data()
        ihdr.appendBE(UInt32(width)); ihdr.appendBE(UInt32(height))
        ihdr.append(contentsOf: [8, 2, 0, 0, 0])
        chunk("IHDR", ihdr, into: &png)
        chunk("IDAT", zlibStored(raw), into: &png)
        chunk("IEND", Data(), into: &png)
        return png
    }

    private static func chunk(_ type: String, _ data: Data, into png: inout Data) {
        png.appendBE(UInt32(data.count))
        let body = Data(type.utf8) + data
        png.append(body)
        png.appendBE(body.crc32(checksum: 0))
    }

    private static func zlibStored(_ data: Data) -> Data {
        var out = Data([0x78, 0x01])
        var offset = 0
        repeat {
            let n = min(65535, data.count - offset)
            out.append(offset + n == data.count ? 1 : 0)
            out.append(UInt8(n & 0xFF)); out.append(UInt8(n >> 8))
            out.append(UInt8(~n & 0xFF)); out.append(UInt8((~n >> 8) & 0xFF))
            out.append(data.subdata(in: offset..<offset + n))
            offset += n
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        out.appendBE(b << 16 | a)
        return out
    }
}

extension Data {
    mutating func appendBE(_ v: UInt32) {
        append(contentsOf: [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)])
    }
}

extension Sandbox {
    /// The demo accounts every sandbox has (their passwords are printed at start), so a client
    /// attaching to a running sandbox can sign in as one.
    public static var demoAccounts: [(email: String, password: String)] { DemoSeed.accounts.map { ($0.email, $0.password) } }
}
