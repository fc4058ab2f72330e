import Foundation
import Testing

/// `pcmd … | head` ends as `ls | head` does: killed by SIGPIPE (141 in the shell), quietly,
/// never a "Fatal error" and a trace.
@Suite struct ClosedPipeTests {
    /// A folder whose `ls -R --json` is far more than a pipe holds (64 KiB), so the writer is
    /// still writing when `head` goes away.
    static let big = Task { () throws -> (ConfigHome, String) in
        let home = try await ConfigHome.signedIn()
        let top = try await home.makeRemoteFolder("pipe")
        let long = String(repeating: "x", count: 180)
        let made = try await home.run(["mkdir"] + (0..<300).map { "\(top)/\($0)-\(long)" })
        #expect(made.status == 0, "\(made)")
        // Something for `links` and `shares` to print.
        #expect(try await home.run(["link", top]).status == 0)
        #expect(try await home.run(["share", top, try await demoEmail(1)]).status == 0)
        return (home, top)
    }

    @Test func lsRecursiveJSONIntoHeadEndsQuietlyBySIGPIPE() async throws {
        let (home, top) = try await Self.big.value
        let out = try await shell(home, #""$PCMD" ls -R --json "$1" | head -3; echo "status ${PIPESTATUS[0]}" >&2"#, [top])
        #expect(out.stdout.split(separator: "\n").count == 3, "\(out)")
        #expect(out.stderr == "status 141\n", "\(out)")
    }

    @Test func everyListingCommandEndsQuietlyOnAClosedOutput() async throws {
        let (home, top) = try await Self.big.value
        let commands: [[String]] = [["ls", top], ["ls", "-l", top], ["ls", "-R", top], ["ls", "--json", top],
                                    ["find", top, "x"], ["find", top, "x", "--json"], ["whoami"], ["shares"],
                                    ["links"], ["compare", home.root.path, top], ["help-man"]]
        for args in commands {
            let out = try await home.runWithClosedOutput(args)
            #expect(out.signal == SIGPIPE && out.stderr.isEmpty, "\(args): \(out)")
        }
    }
}

extension ConfigHome {
    /// `pcmd args` with stdout a pipe whose reader has already gone: the first write fails.
    func runWithClosedOutput(_ args: [String]) async throws -> (signal: Int32?, status: Int32, stderr: String) {
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let err = root.appendingPathComponent("err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = args
        p.environment = environment()
        p.standardOutput = pipe.fileHandleForWriting
        p.standardError = try FileHandle(forWritingTo: err)
        p.standardInput = FileHandle.nullDevice
        let status = try await exit(of: p)
        try pipe.fileHandleForWriting.close()
        let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        return (p.terminationReason == .uncaughtSignal ? status : nil, status, stderr)
    }
}

/// Runs `script` in bash with `$PCMD` the binary and `args` as `$1…`; stdout and stderr of the
/// whole script.
func shell(_ home: ConfigHome, _ script: String, _ args: [String]) async throws -> Outcome {
    let out = home.root.appendingPathComponent("out-\(UUID().uuidString)")
    let err = home.root.appendingPathComponent("err-\(UUID().uuidString)")
    for f in [out, err] { _ = FileManager.default.createFile(atPath: f.path, contents: nil) }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/bash")
    p.arguments = ["-c", script, "bash"] + args
    p.environment = home.environment(["PCMD": CLI.binary.path])
    p.standardOutput = try FileHandle(forWritingTo: out)
    p.standardError = try FileHandle(forWritingTo: err)
    p.standardInput = FileHandle.nullDevice
    let status = try await exit(of: p)
    return Outcome(status: status, stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                   stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
}

/// Starts `p` and waits for its exit without blocking a thread (the sandbox answering it runs in
/// this process).
func exit(of p: Process) async throws -> Int32 {
    let (stream, continuation) = AsyncStream<Int32>.makeStream()
    p.terminationHandler = { continuation.yield($0.terminationStatus); continuation.finish() }
    try p.run()
    var status: Int32 = -1
    for await s in stream { status = s }
    return status
}
