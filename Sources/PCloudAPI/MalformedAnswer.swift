import Foundation

/// A server's answer that cannot be what pCloud sends: not JSON, cut short, a number out of
/// range, a field of the wrong type. Said in plain words (no decoder dump, no server bytes,
/// which could hold terminal escapes), with the place in the answer where it went wrong.
extension PCloudError {
    public static func malformed(_ method: String?, _ reason: String, underlying: (any Error)? = nil) -> PCloudError {
        let what = method.map { "the server's answer to \($0)" } ?? "the server's answer"
        return PCloudError(kind: .decoding, message: "\(what) is malformed: \(reason)", category: .internal,
                           method: method, underlying: underlying)
    }

    /// A decoder's failure on `data`, a reply to `method`.
    static func malformed(_ method: String, decoding error: any Error, data: Data) -> PCloudError {
        let reason = switch error {
        case DecodingError.dataCorrupted(let c) where c.codingPath.isEmpty: Self.syntaxFault(data)
        case let e as DecodingError: e.plainWords
        case let e as MetadataScanner.Failure: e.description
        default: "it is not the JSON expected"
        }
        return malformed(method, reason, underlying: error)
    }

    /// JSONDecoder says only "not valid JSON", also for a number that fits no integer; a second,
    /// lenient reading (on the error path only) tells the two apart.
    static func syntaxFault(_ data: Data) -> String {
        if data.isEmpty { return "it is empty" }
        if (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil {
            return "a number out of range, or not a whole number"
        }
        return "it is not JSON (cut short or garbled)"
    }

    /// An answer that is not JSON where JSON belongs: an HTML error page from a proxy, a text.
    /// The kind stays `.http(status)` so callers that judge a status (404, 410) still can.
    static func notJSON(status: Int, contentType: String?, method: String) -> PCloudError {
        guard status == 200 else {
            var e = PCloudError.http(status, method: method)
            e = PCloudError(kind: e.kind, message: "the server answered HTTP \(status) (\(Self.reasonPhrase(status))) instead of JSON",
                            category: e.category, method: method)
            return e
        }
        let type = contentType.map { $0.isEmpty ? "an empty content type" : "content type \(Self.printable($0))" }
            ?? "no content type"
        return PCloudError(kind: .http(status: status), message: "the server's answer to \(method) is not JSON (\(type))",
                           category: .internal, method: method)
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 400: "bad request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not found"
        case 410: "gone"
        case 429: "too many requests"
        case 500: "internal server error"
        case 502: "bad gateway"
        case 503: "service unavailable"
        case 504: "gateway timeout"
        default: status >= 500 ? "server error" : "unexpected status"
        }
    }

    /// A header value cut to 40 printable ASCII characters.
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(40).map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? $0 : "?" }))
    }
}

extension DecodingError {
    /// `a number out of range at metadata.contents[3].size`, `no "metadata"`, `not JSON`.
    var plainWords: String {
        switch self {
        case .dataCorrupted(let c) where c.codingPath.isEmpty: "it is not JSON"
        case .dataCorrupted(let c): "a value out of range at \(Self.path(c.codingPath))"
        case .typeMismatch(let type, let c): "\(Self.article(type)) expected at \(Self.path(c.codingPath))"
        case .valueNotFound(let type, let c): "\(Self.article(type)) expected at \(Self.path(c.codingPath)), found null"
        case .keyNotFound(let key, let c):
            "no \"\(key.stringValue)\"" + (c.codingPath.isEmpty ? "" : " in \(Self.path(c.codingPath))")
        @unknown default: "it is not the JSON expected"
        }
    }

    /// `metadata.contents[3].size` (the key names are the client's own, never the server's).
    static func path(_ keys: [any CodingKey]) -> String {
        guard !keys.isEmpty else { return "the top" }
        var out = ""
        for k in keys {
            if let i = k.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + k.stringValue }
        }
        return out
    }

    static func article(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type, is UInt64.Type, is Int32.Type, is Double.Type: "a number"
        default:
            String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }
}
