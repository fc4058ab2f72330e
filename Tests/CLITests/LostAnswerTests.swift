import Foundation
import Testing

/// An upload pCloud stored but whose answer never reached pcmd (a gateway's 502 after the work
/// was done: the sandbox's `lose-answer` fault). pcmd's retry finds the file there whole (same
/// size and SHA-1): it neither sends it again nor refuses it as a conflict with itself.
@Suite struct LostAnswerTests {
    /// Puts `files` (name → size) from one folder with the next upload answer lost; what the
    /// sandbox then holds at its root and how many upload bytes it took in.
    static func putWithLostAnswer(_ files: [String: Int], move: Bool = false, folder: Bool = false)
        async throws -> (out: Outcome, names: [String], sent: Int64, left: [String]) {
        let sandbox = try await SandboxProcess(faults: "lose-answer=uploadfile")
        let home = sandbox.home()
        defer { try? FileManager.default.removeItem(at: home.root) }
        let src = try home.makeLocalFolder("src")
        let second = Date(timeIntervalSince1970: 1_780_000_000)
        for (name, size) in files {
            let url = src.appendingPathComponent(name)
            try ResumeTransferTests.write(url, size: size, from: name.count)
            // One second for all: small files go as one batch, one request.
            try FileManager.default.setAttributes([.modificationDate: second], ofItemAtPath: url.path)
        }
        let sources = folder ? [src.path] : files.keys.sorted().map { src.appendingPathComponent($0).path }
        let out = try await home.run([move ? "mv" : "put"] + sources + ["pc:/"])
        let sent = try await sandbox.settledTraffic("upload")
        // Not recursive: pCloud lists the root only level by level.
        var names: [String] = []
        var folders: [(id: Int, prefix: String)] = [(0, "")]
        while let (id, prefix) = folders.popLast() {
            let listed = try await sandbox.call("listfolder", "folderid=\(id)")
            for c in (listed["metadata"] as? [String: Any])?["contents"] as? [[String: Any]] ?? [] {
                let name = prefix + (c["name"] as? String ?? "?")
                names.append(name)
                if let sub = c["folderid"] as? Int { folders.append((sub, name + "/")) }
            }
        }
        // Names relative to the source folder, whose own name is made unique.
        let top = src.lastPathComponent
        names = names.map { $0 == top ? "src" : $0.hasPrefix(top + "/") ? "src/" + $0.dropFirst(top.count + 1) : $0 }
        let left = (try? FileManager.default.contentsOfDirectory(atPath: src.path)) ?? []
        return (out, names.sorted(), sent, left)
    }

    @Test func aPutWhoseAnswerWasLostIsFoundThereNotSentAgain() async throws {
        let r = try await Self.putWithLostAnswer(["notes.txt": 3000])
        #expect(r.out.status == 0 && r.out.stderr.isEmpty, "\(r.out)")
        #expect(r.names == ["notes.txt"], "one file, no `notes (1).txt`: \(r.names)")
        #expect(r.sent == 3000, "sent once: \(r.sent) bytes")
    }

    /// Above the size where a resent file is worth a note: none is given, as nothing was resent.
    @Test func aLargerPutSaysNothingOfSendingAgain() async throws {
        let size = 3 << 20
        let r = try await Self.putWithLostAnswer(["video.bin": size])
        #expect(r.out.status == 0 && r.out.stderr.isEmpty, "\(r.out)")
        #expect(r.names == ["video.bin"], "\(r.names)")
        #expect(r.sent == Int64(size), "sent once: \(r.sent) bytes")
    }

    /// A lost batch answer: every file of the batch is found there.
    @Test func aFolderWhoseBatchAnswerWasLostArrivesOnce() async throws {
        let files = ["a.txt": 100, "b.txt": 200, "c.txt": 300]
        let r = try await Self.putWithLostAnswer(files, folder: true)
        #expect(r.out.status == 0 && r.out.stderr.isEmpty, "\(r.out)")
        #expect(r.names == ["src", "src/a.txt", "src/b.txt", "src/c.txt"], "\(r.names)")
        #expect(r.sent == 600, "sent once: \(r.sent) bytes")
    }

    /// A move removes its source once the copy that was there all along is verified.
    @Test func aMoveWhoseAnswerWasLostRemovesTheSourceOnceVerified() async throws {
        let r = try await Self.putWithLostAnswer(["notes.txt": 3000], move: true)
        #expect(r.out.status == 0 && r.out.stderr.isEmpty, "\(r.out)")
        #expect(r.names == ["notes.txt"], "\(r.names)")
        #expect(r.left.isEmpty, "source removed: \(r.left)")
    }
}
