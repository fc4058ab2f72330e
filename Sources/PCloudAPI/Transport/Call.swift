import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// The JSON envelope: `result` first, the method's own keys decoded from the same object only on
/// success, so a large listing is parsed once.
struct Reply<T: Decodable>: Decodable {
    let value: T?
    let result: Int
    let error: String?

    enum Keys: String, CodingKey { case result, error }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        result = try c.decode(Int.self, forKey: .result)
        error = try c.decodeIfPresent(String.self, forKey: .error)
        value = result == 0 ? try T(from: decoder) : nil
    }
}

/// For calls whose success carries nothing the caller needs.
public struct Empty: Decodable, Sendable {}

extension PCloudClient {
    /// Calls `method` and decodes its success into `T`; API errors, HTTP and transport failures
    /// become `PCloudError`. Idempotent calls are retried per `config.retry`.
    func call<T: Decodable>(_ method: String, _ params: Params = Params(), auth: AuthUse = .account,
                            idempotent: Bool, as type: T.Type = T.self, timeout: Duration? = nil) async throws -> T {
        let data = try await callData(method, params, auth: auth, idempotent: idempotent, timeout: timeout)
        return try decode(T.self, from: data, method: method)
    }

    /// Public, like `decodeMetadataReply`, for pcloud-bench's URLSession transport.
    public func decode<T: Decodable>(_ type: T.Type, from data: Data, method: String) throws -> T {
        let reply: Reply<T>
        do {
            reply = try AnswerDecoder.decode(Reply<T>.self, from: data)
        } catch {
            // A failure reply may lack keys T needs; the envelope alone still tells the code.
            if let env = try? AnswerDecoder.decode(Reply<Empty>.self, from: data), env.result != 0 {
                throw PCloudError.api(env.result, env.error ?? "", method: method)
            }
            throw PCloudError.malformed(method, decoding: error, data: data)
        }
        guard reply.result == 0, let value = reply.value else {
            throw PCloudError.api(reply.result, reply.error ?? "", method: method)
        }
        return value
    }

    /// The raw JSON of a reply (status and API result not judged), with retries.
    func callData(_ method: String, _ params: Params, auth: AuthUse, idempotent: Bool,
                  timeout: Duration? = nil) async throws -> Data {
        try await withRetries(method, idempotent: idempotent) {
            try await self.callDataOnce(method, params, auth: auth, timeout: timeout)
        }
    }

    /// One attempt; transient and rate-limited API codes are thrown, other codes left to decoding.
    func callDataOnce(_ method: String, _ params: Params, auth: AuthUse, timeout: Duration? = nil) async throws -> Data {
        let request = try makeRequest(method, params, auth: auth, payload: .form)
        let data = try await fetchJSON(request, method: method, timeout: timeout)
        // Judge transient API codes here so the retry loop sees them.
        if let code = Self.quickResult(data), code != 0 {
            let category = PCloudError.Category(code: code)
            if category == .transient || category == .rateLimited {
                let env = try? AnswerDecoder.decode(Reply<Empty>.self, from: data)
                throw PCloudError.api(code, env?.error ?? "", method: method)
            }
        }
        return data
    }

    /// Sends `request` and collects a JSON answer; a non-JSON answer is an HTTP error.
    func fetchJSON(_ request: HTTPClientRequest, method: String, timeout: Duration?) async throws -> Data {
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: .init(timeout ?? config.readTimeout + .seconds(60)))
        } catch {
            throw PCloudError.transport(error, method: method, url: request.url)
        }
        try Self.requireJSON(response.headers, status: response.status, method: method)
        do {
            // Into one buffer of the announced size, handed to Data without a copy: a 100,000-entry
            // listing is 30 MB.
            let limit = 1 << 30
            let announced = response.headers.first(name: "content-length").flatMap(Int.init) ?? 0
            var buffer = ByteBufferAllocator().buffer(capacity: min(max(announced, 0), limit))
            for try await var part in response.body {
                guard buffer.readableBytes + part.readableBytes <= limit else { throw NIOTooManyBytesError(maxBytes: limit) }
                buffer.writeBuffer(&part)
            }
            return buffer.readData(length: buffer.readableBytes, byteTransferStrategy: .noCopy) ?? Data()
        } catch {
            throw PCloudError.transport(error, method: method, url: request.url)
        }
    }

    /// A non-JSON answer is an HTTP error (a proxy's page, a 404 of an unknown method).
    static func requireJSON(_ headers: HTTPHeaders, status: HTTPResponseStatus, method: String) throws {
        let type = headers.first(name: "content-type")
        guard type?.contains("json") == true else {
            throw PCloudError.notJSON(status: Int(status.code), contentType: type, method: method)
        }
    }

    /// Runs `body`, repeating it after a jittered pause while the policy allows.
    func withRetries<R>(_ method: String, idempotent: Bool, _ body: () async throws -> R) async throws -> R {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch let error as PCloudError {
                guard config.retry.shouldRetry(error, attempt: attempt, idempotent: idempotent) else { throw error }
                logger.debug("retrying \(method) after \(error.description)")
                try await Task.sleep(for: config.retry.delay(afterAttempt: attempt, for: error))
                attempt += 1
            }
        }
    }

    /// `result` read from the first bytes, without parsing the rest (it is the first key pCloud
    /// and the sandbox write; falls back to nil and lets the full decode decide).
    static func quickResult(_ data: Data) -> Int? {
        let head = data.prefix(64)
        guard let range = head.range(of: Data("\"result\"".utf8)) else { return nil }
        var i = range.upperBound
        var value = 0, digits = 0
        while i < head.endIndex {
            let b = head[i]
            if b == UInt8(ascii: ":") || b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == 10 || b == 13 {
                if digits > 0 { break }
            } else if b >= 48 && b <= 57 {
                // Too many digits for an Int is no result code: the full decode reports it.
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int(b - 48))
                guard !o1, !o2 else { return nil }
                value = a; digits += 1
            } else { break }
            i += 1
        }
        return digits > 0 ? value : nil
    }
}

extension PCloudClient {
    /// Decodes `{"result":…, "metadata":{…}}` with the fast scanner. Public for pcloud-bench,
    /// whose URLSession transport decodes listings with it.
    public func decodeMetadataReply(_ data: Data, method: String) throws -> Metadata {
        let reply: (result: Int, error: String?, metadata: Metadata?)
        do { reply = try MetadataScanner.reply(data) } catch {
            throw PCloudError.malformed(method, decoding: error, data: data)
        }
        guard reply.result == 0 else { throw PCloudError.api(reply.result, reply.error ?? "", method: method) }
        guard let metadata = reply.metadata else { throw PCloudError.malformed(method, "no \"metadata\"") }
        return metadata
    }
}
