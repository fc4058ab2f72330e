import Crypto
import Foundation
import SourceServer
import Testing

/// `pcmd fetch`: the real binary asks the in-process sandbox to download from a web server the
/// test starts.
@Suite struct FetchCommandTests {
    static let source = Task { try await SourceServer.start() }
    static let size = 20 << 20
    /// 20 MiB in 256 KiB pieces every 25 ms: about two seconds, long enough to watch.
    static func bigURL(_ web: SourceServer) -> String { web.url("/bytes/big.bin?size=\(size)&seed=20&chunk=262144&delayms=25") }

    func names(_ home: ConfigHome, _ folder: String) async throws -> [String] {
        let ls = try await home.run(["ls", "--json", folder])
        #expect(ls.status == 0, "\(ls)")
        return (try ls.json()["contents"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
    }

    @Test func twentyMiBArriveWhole() async throws {
        let home = try await ConfigHome.signedIn(), web = try await Self.source.value
        let remote = try await home.makeRemoteFolder("fetch")
        let out = try await home.run(["fetch", Self.bigURL(web), web.url("/bytes/x?size=10"), remote,
                                      "--name", "", "--name", "ten.bin", "--json"])
        #expect(out.status == 0, "\(out)")
        #expect(out.stderr.isEmpty, "no progress bar when stderr is not a terminal")
        let lines = try out.jsonLines()
        #expect(lines.map { $0["name"] as? String } == ["big.bin", "ten.bin"])
        #expect(lines.first?["path"] as? String == "\(remote.dropFirst(3))/big.bin")
        #expect(lines.first?["size"] as? Int == Self.size)

        // The bytes, checked end to end: fetched back and compared by SHA-1.
        let back = try home.makeLocalFolder("back")
        let get = try await home.run(["get", "\(remote)/big.bin", back.path])
        #expect(get.status == 0, "\(get)")
        let got = try Data(contentsOf: back.appendingPathComponent("big.bin"))
        #expect(Insecure.SHA1.hash(data: got) == Insecure.SHA1.hash(data: SourceServer.content(size: Self.size, seed: 20)))
    }

    /// On a terminal (a pseudo-terminal from `script`) the bar shows the bytes coming in.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func progressAdvancesOnATerminal() async throws {
        let home = try await ConfigHome.signedIn(), web = try await Self.source.value
        let remote = try await home.makeRemoteFolder("fetch-tty")
        let command = [CLI.binary.path, "fetch", Self.bigURL(web), remote].map { "'\($0)'" }.joined(separator: " ")
        let (status, screen) = try await Self.onTerminal(command, environment: home.environment())
        #expect(status == 0, "\(screen)")
        // Each redraw starts with \r: `big.bin [████░░░]  37%  7.4 MiB/20.0 MiB …`.
        let percents = screen.split(separator: "\r").compactMap { line -> Int? in
            guard let r = line.range(of: #"\d+%"#, options: .regularExpression) else { return nil }
            return Int(line[r].dropLast())
        }
        let between = Set(percents.filter { $0 > 0 && $0 < 100 })
        #expect(between.count >= 3, "progress should advance: \(percents)")
        #expect(percents == percents.sorted(), "\(percents)")
        #expect(try await names(home, remote) == ["big.bin"])
    }

    @Test func aMissingURLFailsCleanlyAndLeavesNothing() async throws {
        let home = try await ConfigHome.signedIn(), web = try await Self.source.value
        let remote = try await home.makeRemoteFolder("fetch-404")
        let missing = web.url("/no/such.bin")
        let out = try await home.run(["fetch", missing, remote])
        #expect(out.status == 1, "\(out)")
        #expect(out.stderr.contains("error 5001") && out.stderr.contains(missing), "\(out)")
        #expect(out.stderr.contains("check that the URL opens in a browser"), "\(out)")
        #expect(out.stderr.split(separator: "\n").count == 1, "one clear line: \(out)")
        #expect(try await names(home, remote).isEmpty)
    }

    @Test func aURLThatIsNotWebIsRefusedBeforeAnyRequest() async throws {
        // An account nobody answers for: any request would fail differently.
        var home = ConfigHome()
        home.env = ["PCMD_TOKEN": "x", "PCMD_SANDBOX": "http://127.0.0.1:1"]
        for args in [["fetch", "ftp://example.com/a.iso", "pc:/"], ["fetch", "example.com/a.iso", "pc:/"],
                     ["fetch", "https://example.com/a.iso"], ["fetch", "https://example.com/a", "pc:/", "--name", "a", "--name", "b"]] {
            let out = try await home.run(args)
            #expect(out.status == 2, "\(args): \(out)")
            #expect(!out.stderr.isEmpty && out.stdout.isEmpty)
        }
        let out = try await home.run(["fetch", "ftp://example.com/a.iso", "pc:/"])
        #expect(out.stderr.contains("ftp://example.com/a.iso is not an http or https URL"), "\(out)")
    }

    /// Runs a shell command with a pseudo-terminal for its output; returns what it drew.
    static func onTerminal(_ command: String, environment: [String: String]) async throws -> (Int32, String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-tty-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qefc", command, "/dev/null"]
        var env = environment
        env["TERM"] = "xterm"
        p.environment = env
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = try FileHandle(forWritingTo: log)
        let status: Int32 = await withCheckedContinuation { done in
            p.terminationHandler = { done.resume(returning: $0.terminationStatus) }
            do { try p.run() } catch { p.terminationHandler = nil; done.resume(returning: -1) }
        }
        return (status, String(decoding: try Data(contentsOf: log), as: UTF8.self))
    }
}
