import Foundation
import NIOCore

/// The answers of one fuzz run: each pcmd run (told apart by its bearer token) draws from its own
/// generator, so what one run got does not depend on the others; content links share one.
public final class HostileAnswerSource: @unchecked Sendable {
    private let lock = NSLock()
    private let seed: UInt64
    private var generators: [String: SeededGenerator] = [:]
    /// Per run: requests answered so far, and which one is surely hostile.
    private var asked: [String: Int] = [:]
    private var victims: [String: Int] = [:]
    private var logs: [String: [String]] = [:]
    private var portValue = 0
    private let corpus = Dictionary(grouping: Corpus.answers, by: \.method).mapValues { $0.map(\.json) }

    /// What every file holds.
    private let content: [UInt8]

    /// How long a stalled answer keeps the client waiting; nil: no answer stalls.
    private let stall: TimeAmount?

    /// `stall`: one hostile answer in ten comes only after that long (clients that must stay
    /// responsive meanwhile; a command would just wait). `content`: the bytes of every file.
    public init(seed: UInt64, stall: Duration? = nil, content: [UInt8] = Array("hello, hostile world\n".utf8)) {
        self.seed = seed
        self.content = content
        self.stall = stall.map { .nanoseconds($0.components.seconds * 1_000_000_000 + $0.components.attoseconds / 1_000_000_000) }
    }

    public var port: Int {
        get { lock.withLock { portValue } }
        set { lock.withLock { portValue = newValue } }
    }

    /// The answers `run` got, the last `last` of them.
    public func log(of run: String, last: Int = .max) -> String {
        lock.withLock { (logs[run] ?? []).suffix(last).joined(separator: "\n") }
    }

    /// How many requests `run` made.
    public func count(of run: String) -> Int { lock.withLock { asked[run, default: 0] } }

    public func answer(_ request: HostileRequest) -> HostileResponse {
        lock.withLock {
            let key = request.authorization.map { String($0.dropFirst("Bearer ".count)) } ?? "content"
            var rng = generators[key] ?? SeededGenerator(seed: seed &+ Self.fnv(key))
            defer { generators[key] = rng }
            // One of a run's first four answers is hostile, others now and then: most runs then
            // get past their first call, and each call of a command meets hostility in some run.
            let victim = victims[key] ?? Int.random(in: 0...3, using: &rng)
            victims[key] = victim
            let index = asked[key, default: 0]
            asked[key] = index + 1
            let hostile = key == "content" ? Bool.random(using: &rng) : index == victim || Double.random(in: 0..<1, using: &rng) < 0.15
            var response = hostile ? make(request, using: &rng) : honest(request)
            if let stall, hostile, Double.random(in: 0..<1, using: &rng) < 0.1 { response.delay = stall }
            logs[key, default: []].append("\(request.method ?? "content") → \(response.status) \(response.contentType ?? "-") "
                + "\(response.framing)\(response.delay == .zero ? "" : " after \(response.delay)"): \(String(decoding: response.body.prefix(240), as: UTF8.self))")
            return response
        }
    }

    private func make(_ request: HostileRequest, using rng: inout SeededGenerator) -> HostileResponse {
        let framings = HostileResponse.Framing.allCases
        let framing = Double.random(in: 0..<1, using: &rng) < 0.7 ? .honest : framings.randomElement(using: &rng)!
        let roll = Double.random(in: 0..<1, using: &rng)
        if roll < 0.04 {
            return HostileResponse(status: [502, 503, 404, 500].randomElement(using: &rng)!, contentType: "text/html",
                                   body: Array("<html><body><h1>Bad Gateway</h1>\n<p>nginx</p></body></html>".utf8),
                                   framing: framing)
        }
        if roll < 0.07 {
            return HostileResponse(contentType: ["text/plain", nil, ""].randomElement(using: &rng)!,
                                   body: Array(#"{"result":0}"#.utf8), framing: framing)
        }
        guard let method = request.method else {
            return HostileResponse(contentType: "application/octet-stream", body: content,
                                   framing: framing)
        }
        let original = real(method, using: &rng)
        var body = Mutator.mutate(original, using: &rng)
        // A server's error text that holds a line break is printed as it came (its escaping is
        // another part of issue 18); such answers are drawn again.
        for _ in 0..<10 where Self.breaksLines(body) { body = Mutator.mutate(original, using: &rng) }
        if Self.breaksLines(body) { body = original }
        return HostileResponse(body: body, framing: framing)
    }

    /// The corpus' answer to `method` (any answer for a method it lacks), on this server's address.
    private func real(_ method: String, using rng: inout SeededGenerator) -> [UInt8] {
        onThisServer(corpus[method]?.randomElement(using: &rng) ?? Corpus.answers.randomElement(using: &rng)!.json)
    }

    private func onThisServer(_ json: String) -> [UInt8] {
        Array(json.replacingOccurrences(of: "127.0.0.1:8780", with: "127.0.0.1:\(portValue)").utf8)
    }

    /// The real answer, sent as a server should: the first success of its method (for `stat`,
    /// of a file or a folder as the path asks), so that a run goes on to its next call.
    private func honest(_ request: HostileRequest) -> HostileResponse {
        // A file's bytes: through its content link, or as a text preview (`gettextfile`).
        guard let method = request.method, method != "gettextfile" else {
            return HostileResponse(contentType: "application/octet-stream", body: content)
        }
        var successes = (corpus[method] ?? []).filter { $0.hasPrefix(#"{"result":0"#) }
        if method == "stat", let path = request.parameter("path"), !path.contains(".") {
            successes = successes.filter { $0.contains(#""isfolder":true"#) }
        }
        return HostileResponse(body: onThisServer(successes.first ?? #"{"result":0}"#))
    }

    static func breaksLines(_ body: [UInt8]) -> Bool {
        let text = String(decoding: body, as: UTF8.self).lowercased()
        return ["\\n", "\\r", "\\u000a", "\\u000d", "\\u0085", "\\u2028", "\\u2029"].contains { text.contains($0) }
    }

    static func fnv(_ text: String) -> UInt64 {
        text.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }
}
