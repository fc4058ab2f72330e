import Foundation
import HostileAnswers
@testable import PCloudAPI
import Testing

/// Malformed answers (issue 18): every decoder either returns a value or throws a plain
/// PCloudError; none may trap. A trap kills the test process, which is the failure signal; the
/// seed printed first replays the run (`PCMD_FUZZ_SEED=… swift test --filter HostileAnswerTests`).
@Suite struct HostileAnswerTests {
    static let client = Result { try PCloudClient(endpoint: .custom(URL(string: "http://127.0.0.1:9")!)) }

    @Test func aResultPastInt64IsAMalformedAnswerNotATrap() throws {
        let client = try Self.client.get()
        let data = Data(#"{"result": 36893488147419103232}"#.utf8)
        #expect(PCloudClient.quickResult(data) == nil)
        let error = try #require(throws: PCloudError.self) { try client.decode(Empty.self, from: data, method: "userinfo") }
        #expect(error.kind == .decoding)
        #expect(error.message == "the server's answer to userinfo is malformed: a number out of range, or not a whole number")
        let cut = try #require(throws: PCloudError.self) { try client.decode(Empty.self, from: data.prefix(20), method: "userinfo") }
        #expect(cut.message == "the server's answer to userinfo is malformed: it is not JSON (cut short or garbled)")
        let typed = try #require(throws: PCloudError.self) {
            try client.decode(UserInfo.self, from: Data(#"{"result":0,"userid":"7","email":"a@b","quota":1,"usedquota":0}"#.utf8),
                              method: "userinfo")
        }
        #expect(typed.message == "the server's answer to userinfo is malformed: a number expected at userid")
        let scanned = try #require(throws: PCloudError.self) { try client.decodeMetadataReply(data, method: "listfolder") }
        #expect(scanned.message.hasPrefix("the server's answer to listfolder is malformed: number too large"))
    }

    @Test func theScannerRefusesWhatJSONDecoderRefuses() throws {
        let client = try Self.client.get()
        func scanned(_ json: String) -> String? {
            do { _ = try client.decodeMetadataReply(Data(json.utf8), method: "listfolder"); return nil } catch {
                return (error as? PCloudError)?.message
            }
        }
        let folder = #"{"name":"a","id":"d1","isfolder":true"#
        // A fraction, a negative size, a missing result, trailing bytes, nesting past the limit.
        #expect(scanned(#"{"result":0,"metadata":{"# + #""size":1.5,"# + folder.dropFirst() + "}}")?.contains("fraction") == true)
        #expect(scanned(#"{"result":0,"metadata":{"size":-3,"name":"a","id":"f1","isfolder":false}}"#)?.contains("negative size") == true)
        #expect(scanned(#"{"metadata":{"name":"a","id":"d1","isfolder":true}}"#)?.contains("no \"result\"") == true)
        #expect(scanned(#"{"result":0}{"#)?.contains("more after the answer's end") == true)
        let deep = String(repeating: "[", count: 100_000)
        #expect(scanned(#"{"result":0,"x":"# + deep)?.contains("nesting deeper than 512 levels") == true)
        // A high surrogate before an escape that is not a low one: replaced, not trapped.
        let name = try client.decodeMetadataReply(Data(#"{"result":0,"metadata":{"name":"a\ud800\u0041","id":"d1","isfolder":true}}"#.utf8),
                                                  method: "listfolder").name
        #expect(name == "a\u{FFFD}")
    }

    /// Foundation's JSONDecoder traps on an answer whose nesting reaches 512 where it ends (found
    /// by the fuzz): the answer decoders refuse it, and everything as deep, in plain words.
    @Test func nestingThatTrapsJSONDecoderIsRefusedFirst() throws {
        let client = try Self.client.get()
        for (depth, tail) in [(512, ""), (511, "["), (600, ""), (512, String(repeating: "]", count: 512) + "}")] {
            let data = Data((#"{"result":0,"size":"# + String(repeating: "[", count: depth) + tail).utf8)
            let e = try #require(throws: PCloudError.self, "\(depth)") { try client.decode(PCloudClient.UploadInfo.self, from: data, method: "upload_info") }
            #expect(e.message.hasPrefix("the server's answer to upload_info is malformed: nesting deeper than 511 levels at byte"), "\(e)")
            #expect(throws: PCloudError.self) { try PCloudClient.decodeLogin(data, method: "userinfo") }
        }
        let shallow = Data((#"{"result":0,"size":"# + String(repeating: "[", count: 510) + "").utf8)
        #expect(throws: PCloudError.self) { try client.decode(PCloudClient.UploadInfo.self, from: shallow, method: "upload_info") }
        // Brackets in strings do not count.
        let quoted = Data((#"{"result":0,"error":""# + String(repeating: "[{", count: 600) + #"\""}"#).utf8)
        _ = try client.decode(Empty.self, from: quoted, method: "deletefile")
    }

    /// A name that would lead a download out of its folder (`../x`, `a/b`, `..`) or be cut at a
    /// NUL is malformed to both decoders; the root alone is called "/".
    @Test func namesNoFolderCanHoldAreRefused() throws {
        let client = try Self.client.get()
        for name in ["../x", "a/b", "..", ".", "", "a\\u0000b", "/"] {
            let data = Data(#"{"result":0,"metadata":{"name":"\#(name)","id":"f1","isfolder":false,"fileid":1,"size":1}}"#.utf8)
            let fast = try #require(throws: PCloudError.self, "\(name)") { try client.decodeMetadataReply(data, method: "stat") }
            #expect(fast.message.contains("a name no folder can hold"), "\(name): \(fast.message)")
            #expect(throws: PCloudError.self, "\(name)") { try client.decode(MetadataReply.self, from: data, method: "stat") }
        }
        let root = Data(#"{"result":0,"metadata":{"name":"/","id":"d0","isfolder":true,"folderid":0}}"#.utf8)
        #expect(try client.decodeMetadataReply(root, method: "listfolder").name == "/")
        #expect(try client.decode(MetadataReply.self, from: root, method: "listfolder").metadata.name == "/")
    }

    /// Folders nested as deep as the scanner allows decode on a task's stack, by both decoders.
    @Test func deepFolderTreesDecodeWithoutOverflowingTheStack() async throws {
        let client = try Self.client.get()
        var json = ""
        for i in 0..<250 { json += #"{"name":"f\#(i)","id":"d\#(i)","isfolder":true,"folderid":\#(i),"contents":["# }
        json += #"{"name":"leaf","id":"f1","isfolder":false,"size":1}"# + String(repeating: "]}", count: 250)
        let data = Data((#"{"result":0,"metadata":"# + json + "}").utf8)
        let depth = try await Task.detached {
            var m = try client.decodeMetadataReply(data, method: "listfolder")
            let slow = try client.decode(MetadataReply.self, from: data, method: "listfolder").metadata
            #expect(m == slow)
            var depth = 0
            while let next = m.contents?.first { m = next; depth += 1 }
            return depth
        }.value
        #expect(depth == 250)
    }

    /// The fuzz run: mutated real answers through the decoders of their method, the metadata
    /// scanner and one decoder drawn at random (every decoder on every case took ten times as
    /// long, most of it in Swift Testing's backtrace of each thrown error).
    @Test func tenThousandMutatedAnswersNeverTrap() async throws {
        let client = try Self.client.get()
        let env = ProcessInfo.processInfo.environment
        let seed = fuzzSeed(env)
        let cases = env["PCMD_FUZZ_CASES"].flatMap(Int.init) ?? 10_000
        let verbose = env["PCMD_FUZZ_VERBOSE"] != nil
        print("HostileAnswerTests: seed \(seed), \(cases) cases (replay with PCMD_FUZZ_SEED=\(seed); PCMD_FUZZ_VERBOSE=1 prints each)")
        fflush(nil)
        var rng = SeededGenerator(seed: seed)
        let answers = Corpus.answers.map { ($0.method, Array($0.json.utf8)) }
        let decoders = Self.decoders(client)
        #expect(Set(answers.map(\.0)).isSubset(of: decoders.keys), "a corpus method without its decoders")
        let all = decoders.values.flatMap { $0 }
        var decoded = 0, refused = 0
        for n in 0..<cases {
            // Seconds of CPU: let the other suites' in-process sandboxes have the thread now and then.
            if n % 200 == 0 { await Task.yield() }
            let (method, answer) = answers.randomElement(using: &rng)!
            let data = Data(Mutator.mutate(answer, using: &rng))
            if verbose { print("case \(n) (\(method)): \(String(decoding: data.prefix(300), as: UTF8.self))"); fflush(nil) }
            _ = PCloudClient.quickResult(data)
            for decode in [Self.scanner(client)] + (decoders[method] ?? []) + [all.randomElement(using: &rng)!] {
                do { try decode(data); decoded += 1 } catch {
                    refused += 1
                    if !Self.isPlain(error) { Issue.record("case \(n) of seed \(seed): not a plain error: \(error)") }
                }
            }
        }
        print("HostileAnswerTests: \(decoded) decodes succeeded, \(refused) refused")
        // The mutations must leave some answers readable, or the decoders' happy paths go untested.
        #expect(decoded > cases / 10 && refused > cases)
    }

    typealias Decode = (Data) throws -> Void

    static func scanner(_ client: PCloudClient) -> Decode { { _ = try client.decodeMetadataReply($0, method: "listfolder") } }

    /// The decoders each method's reply reaches, by the corpus' method names.
    static func decoders(_ client: PCloudClient) -> [String: [Decode]] {
        func d<T: Decodable>(_ type: T.Type, _ method: String) -> Decode { { _ = try client.decode(T.self, from: $0, method: method) } }
        return [
            "userinfo": [d(UserInfo.self, "userinfo"), { _ = try PCloudClient.decodeLogin($0, method: "userinfo") }],
            "listfolder": [d(MetadataReply.self, "listfolder")],
            "stat": [d(MetadataReply.self, "stat")],
            "createfolder": [d(MetadataReply.self, "createfolder")],
            "deletefile": [d(MetadataReply.self, "deletefile"), d(Empty.self, "deletefile")],
            "savezip": [d(MetadataReply.self, "savezip")],
            "uploadfile": [d(UploadFileReply.self, "uploadfile"), d(MetadataListReply.self, "uploadfile")],
            "uploadprogress": [d(UploadProgressSnapshot.self, "uploadprogress"), d(URLUploadProgress.self, "uploadprogress")],
            "getfilelink": [d(FileLink.self, "getfilelink")],
            "checksumfile": [d(ChecksumReply.self, "checksumfile")],
            "listrevisions": [d(Revisions.self, "listrevisions")],
            "getfilepublink": [d(Publink.self, "getfilepublink")],
            "listpublinks": [d(Publinks.self, "listpublinks")],
            "listshares": [d(ShareList.self, "listshares")],
            "savezipprogress": [d(ZipProgress.self, "savezipprogress")],
            "extractarchive": [d(ExtractProgress.self, "extractarchive")],
            "currentserver": [d(CurrentServer.self, "currentserver")],
            "getapiserver": [d(APIServers.self, "getapiserver")],
            "diff": [d(DiffResult.self, "diff")],
            "upload_create": [d(UploadCreated.self, "upload_create")],
            "upload_info": [d(PCloudClient.UploadInfo.self, "upload_info")],
        ]
    }

    struct ChecksumReply: Decodable { var sha1: String?; var md5: String?; var sha256: String?; var metadata: Metadata }
    struct Publinks: Decodable { var publinks: [Publink] }
    struct Revisions: Decodable { var revisions: [Revision]; var metadata: Metadata }
    struct UploadCreated: Decodable { var uploadid: Int }

    /// A PCloudError whose message is one line, with no decoder dump in it. An API error's
    /// message is the server's own text and is judged where it is shown (terminal escaping).
    static func isPlain(_ error: any Error) -> Bool {
        guard let e = error as? PCloudError else { return false }
        if e.kind == .api { return true }
        let m = e.message
        return !m.contains("\n") && !m.contains("DecodingError") && !m.contains("Context(") && !m.contains("codingPath")
            && m.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
    }
}
