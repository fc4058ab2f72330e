import Foundation
import NIOConcurrencyHelpers

/// An optional JSON-lines log of every request: the method, the parameter names by where they
/// came from, and whether a bearer header was sent. Values are never written, so no secret
/// reaches the file, and tests can prove a client never put a token in a URL.
final class RequestLog: Sendable {
    private let handle: NIOLockedValueBox<FileHandle>

    init(url: URL) throws {
        if !FileManager.default.fileExists(atPath: url.path) {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let h = try FileHandle(forWritingTo: url)
        h.seekToEndOfFile()
        handle = NIOLockedValueBox(h)
    }

    func record(path: String, verb: String, sources: [String: [String]], bearer: Bool) {
        var o = JSONObject([("time", .int(Dates.now())), ("method", .string(path)), ("http", .string(verb)),
                            ("bearer", .bool(bearer))])
        for (source, names) in sources.sorted(by: { $0.key < $1.key }) {
            o[source] = .array(names.sorted().map { .string($0) })
        }
        let tokenNames: Set<String> = ["auth", "access_token", "password", "passworddigest"]
        o["secretinurl"] = .bool(!(Set(sources["query"] ?? []).isDisjoint(with: tokenNames)))
        var line = o.json.encoded()
        line.writeString("\n")
        let data = Data(line.readableBytesView)
        handle.withLockedValue { $0.write(data) }
    }
}
