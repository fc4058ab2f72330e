import HTTPTypes
import Hummingbird

/// `/_sandbox/faults`: shows the fault plan, or with `set=SPEC` replaces it (`set=` clears).
/// Answers only callers on loopback.
enum FaultsRoute {
    static func serve(_ request: Request, env: SandboxEnv, origin: Origin) async throws -> Response {
        guard origin.isLoopback else { return SandboxResponder.loopbackOnly }
        var params = Params()
        if let q = request.uri.query { params.merge(Params.parseURLEncoded(q.utf8)) }
        if let spec = params["set"] {
            do { env.faults.set(try FaultPlan(parsing: spec)) } catch {
                return SandboxResponder.jsonResponse(JSONObject([("result", 400), ("error", .string("\(error)"))]), status: .badRequest)
            }
        }
        return SandboxResponder.jsonResponse(JSONObject([("result", 0), ("faults", .string(env.faults.plan.spec))]))
    }
}
