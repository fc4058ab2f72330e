import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

struct SandboxContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?
    let localAddress: SocketAddress?
    let eventLoop: any EventLoop
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        localAddress = source.channel.localAddress
        eventLoop = source.channel.eventLoop
        channel = source.channel
    }
}

/// Dispatches `/METHOD` to the method table and `/CODE/NAME` to content downloads.
struct SandboxResponder: HTTPResponder {
    let env: SandboxEnv
    let methods: [String: MethodSpec]
    let logger: Logger

    func respond(to request: Request, context: SandboxContext) async throws -> Response {
        let origin = origin(of: request, context: context)
        let parts = request.uri.path.split(separator: "/", omittingEmptySubsequences: true)
        if parts.count == 2 && parts[0] == "oauth2" && parts[1] == "authorize" {
            return try await OAuth.authorizePage(request, env: env, origin: origin)
        }
        if parts.count == 2 && parts[0] == "_sandbox" && parts[1] == "faults" {
            return try await FaultsRoute.serve(request, env: env, origin: origin)
        }
        if parts.count == 2 && parts[0] == "_sandbox" && parts[1] == "traffic" {
            return TrafficRoute.serve(request, env: env, origin: origin)
        }
        if parts.count == 2 && parts[0] == "publink" {
            return try await PublinkPage.serve(parts[1], request: request, env: env, origin: origin,
                                               pacer: Pacer(eventLoop: context.eventLoop))
        }
        if parts.count >= 2 {
            env.requestLog?.record(path: "content", verb: request.method.rawValue, sources: [:], bearer: Self.bearer(request) != nil)
            let pacer = Pacer(eventLoop: context.eventLoop, faults: env.faults, traffic: env.traffic, what: "download")
            return try await ContentRoute.serve(code: String(parts[0]), request: request, env: env, pacer: pacer)
        }
        let method = parts.first.map(String.init) ?? ""
        guard methods[method] != nil else {
            // pCloud closes the connection on an unknown method; say so plainly instead.
            return Self.jsonResponse(JSONObject([("result", 404), ("error", .string("Unknown method '\(method)'."))]),
                                     status: .notFound)
        }
        var params = Params()
        var reply: JSONObject
        do {
            var request = request
            let (multipart, sources) = try await Self.collectParams(&params, from: &request)
            env.requestLog?.record(path: method, verb: request.method.rawValue, sources: sources, bearer: Self.bearer(request) != nil)
            try await env.faults.beforeMethod(method)
            reply = try await dispatch(method: method, params: params, request: request, multipart: multipart, origin: origin,
                                       channel: context.channel)
            if env.faults.losesAnswer(method) { return Self.badGateway() }
        } catch let error as APIError {
            reply = JSONObject(error.json.objectPairs)
        } catch let raw as RawResponse {
            return raw.response
        } catch is InjectedDrop {
            // A dropped connection, on purpose.
            try? await context.channel.close()
            throw HTTPError(.internalServerError)
        } catch {
            logger.error("\(method) failed: \(error)")
            reply = JSONObject(APIError(5000).json.objectPairs)
        }
        if let id = params["id"] { reply["id"] = .string(id) }
        return Self.jsonResponse(reply)
    }

    private func dispatch(method: String, params: Params, request: Request,
                          multipart: MultipartReader<RequestBody.AsyncIterator>?, origin: Origin,
                          channel: any Channel) async throws -> JSONObject {
        let spec = methods[method]!
        var caller: Caller?
        if spec.auth != .none || params.has("getauth") {
            caller = try await env.authenticator.caller(params: params, bearer: Self.bearer(request))
        }
        switch spec.auth {
        case .none: break
        case .user: guard caller != nil else { throw APIError(1000) }
        case .sessionOrPassword: guard let c = caller, c.via != .oauth else { throw APIError(1000) }
        }
        var call = Call(method: method, params: params, caller: caller, env: env, request: request,
                        origin: origin, multipart: multipart, pacer: Pacer(eventLoop: channel.eventLoop, faults: env.faults, traffic: env.traffic, what: method))
        call.channel = channel
        if let caller { call.shares = try await env.store.read { db in try ShareContext.load(db, user: caller.user.uid) } }
        switch try await spec.handler(call) {
        case .json(let object):
            var o = JSONObject([("result", 0)])
            for (k, v) in object.pairs { o[k] = v }
            return o
        case .response(let response):
            throw RawResponse(response: response)
        }
    }

    static func bearer(_ request: Request) -> String? {
        guard let h = request.headers[.authorization], h.lowercased().hasPrefix("bearer ") else { return nil }
        return String(h.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }

    /// Query, then an urlencoded body, then multipart fields before the first file, then cookies.
    /// Also returns which parameter names came from where, for the request log.
    private static func collectParams(_ params: inout Params, from request: inout Request) async throws
        -> (MultipartReader<RequestBody.AsyncIterator>?, [String: [String]]) {
        var sources: [String: [String]] = [:]
        func merge(_ pairs: [(String, String)], from source: String) {
            guard !pairs.isEmpty else { return }
            params.merge(pairs)
            sources[source] = pairs.map(\.0)
        }
        if let q = request.uri.query { merge(Params.parseURLEncoded(q.utf8), from: "query") }
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        var multipart: MultipartReader<RequestBody.AsyncIterator>?
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            let body = try await request.collectBody(upTo: 16 << 20)
            merge(Params.parseURLEncoded(body.readableBytesView), from: "body")
        } else if contentType.hasPrefix("multipart/form-data"),
                  let boundary = MultipartReader<RequestBody.AsyncIterator>.boundary(fromContentType: request.headers[.contentType]!) {
            let reader = MultipartReader(source: request.body.makeAsyncIterator(), boundary: boundary)
            var fields: [(String, String)] = []
            while let part = try await reader.peekFieldPart() {
                fields.append((part.name, try await reader.readField()))
            }
            merge(fields, from: "multipart")
            multipart = reader
        }
        if let cookie = request.headers[.cookie] { merge(Params.parseCookies(cookie), from: "cookie") }
        return (multipart, sources)
    }

    private func origin(of request: Request, context: SandboxContext) -> Origin {
        let localPort = context.localAddress?.port ?? 0
        var host = request.head.authority ?? ""
        if host.hasPrefix("["), let end = host.firstIndex(of: "]") {
            host = String(host[host.index(after: host.startIndex)..<end])
        } else if let colon = host.lastIndex(of: ":") {
            host = String(host[..<colon])
        }
        if host.isEmpty { host = context.localAddress?.ipAddress ?? "127.0.0.1" }
        return Origin(remoteIP: context.remoteAddress?.ipAddress ?? "127.0.0.1", localPort: localPort, hostName: host)
    }

    static let loopbackOnly = jsonResponse(JSONObject([("result", 403), ("error", "Only from loopback.")]), status: .forbidden)

    static func jsonResponse(_ object: JSONObject, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "private, max-age=0"
        if case .int(let code)? = object["result"], code != 0 { headers[HTTPField.Name("X-Error")!] = String(code) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: object.json.encoded()))
    }

    /// What a gateway in front of pCloud sends when it gave up waiting (the `lose-answer` fault).
    static func badGateway() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html"
        return Response(status: .badGateway, headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: "<html><body><h1>502 Bad Gateway</h1></body></html>\n")))
    }
}

/// Lets a handler answer with something other than JSON (zip streams, for example).
struct RawResponse: Error {
    let response: Response
}

extension JSON {
    var objectPairs: [(String, JSON)] {
        if case .object(let pairs) = self { return pairs }
        return []
    }
}
