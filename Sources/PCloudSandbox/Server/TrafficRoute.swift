import Hummingbird

/// `/_sandbox/traffic`: the content bytes moved since start (or the last `reset=1`), by what
/// moved them. Answers only callers on loopback.
enum TrafficRoute {
    static func serve(_ request: Request, env: SandboxEnv, origin: Origin) -> Response {
        guard origin.isLoopback else { return SandboxResponder.loopbackOnly }
        var params = Params()
        if let q = request.uri.query { params.merge(Params.parseURLEncoded(q.utf8)) }
        let counts = env.traffic.counts
        if params.bool("reset") { env.traffic.reset() }
        let bytes = JSONObject(counts.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })
        return SandboxResponder.jsonResponse(JSONObject([("result", 0), ("bytes", bytes.json)]))
    }
}
