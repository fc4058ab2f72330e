import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import NIOCore

enum StreamingMethods {
    static let methods: [String: MethodSpec] = [
        "getfilelink": MethodSpec(auth: .user, handler: getfilelink),
        // Streaming links serve the original bytes: the sandbox does not transcode.
        "getvideolink": MethodSpec(auth: .user) { call in try await mediaLink(call, categories: [2]) },
        "gethlslink": MethodSpec(auth: .user) { call in try await mediaLink(call, categories: [2]) },
        "getaudiolink": MethodSpec(auth: .user) { call in try await mediaLink(call, categories: [2, 3]) },
        "getvideolinks": MethodSpec(auth: .user) { call in
            guard case .json(let link) = try await mediaLink(call, categories: [2]) else { throw APIError(5000) }
            var variant = JSONObject([("isoriginal", true)])
            for key in ["path", "hosts", "expires"] { variant[key] = link[key] }
            return .json(JSONObject([("variants", .array([variant.json]))]))
        },
        "gettextfile": MethodSpec(auth: .user, handler: gettextfile),
    ]

    static func mediaLink(_ call: Call, categories: Set<Int>) async throws -> Reply {
        let p = call.params
        let (file, content) = try await call.read { t -> (FileRow, Content) in
            let file = try p.file(in: t)
            guard categories.contains(ContentKind.of(name: file.name).category) else {
                throw APIError(2044, "Video links can only be generated for videos.")
            }
            return (file, try Revisions.content(of: file, params: p, in: t))
        }
        return .json(try await contentLink(call, blob: content, name: file.name))
    }

    /// The file's text, converted from `fromencoding` (default: UTF-8, else Latin-1) to
    /// `toencoding` (default UTF-8).
    static func gettextfile(_ call: Call) async throws -> Reply {
        let p = call.params
        let content = try await call.read { t in try Revisions.content(of: try p.file(in: t), params: p, in: t) }
        return try await text(call, content: content)
    }

    static func text(_ call: Call, content: Content) async throws -> Reply {
        let p = call.params
        guard content.size <= 16 << 20 else { throw APIError(5002) }
        let data = try Data(contentsOf: URL(fileURLWithPath: call.store.blobs.path(content.blob)))
        func encoding(_ name: String?) throws -> String.Encoding? {
            switch name?.lowercased() {
            case nil, "": return nil
            case "utf-8", "utf8": return .utf8
            case "iso-8859-1", "latin1", "iso8859-1": return .isoLatin1
            case "windows-1252", "cp1252": return .windowsCP1252
            case "utf-16", "utf16": return .utf16
            case "ascii", "us-ascii": return .ascii
            default: throw APIError(2061, "Unsupported character set in 'fromecoding' or 'toencoding'.")
            }
        }
        let from = try encoding(p["fromencoding"]), to = try encoding(p["toencoding"]) ?? .utf8
        guard let text = from.flatMap({ String(data: data, encoding: $0) }) ?? String(data: data, encoding: .utf8)
                ?? String(data: data, encoding: .isoLatin1),
              let out = text.data(using: to, allowLossyConversion: true) else { throw APIError(5000) }
        var headers = HTTPFields()
        let charset = to == .utf8 ? "utf-8" : (p["toencoding"] ?? "utf-8")
        headers[.contentType] = p.bool("forcedownload") ? "application/octet-stream" : (p["contenttype"] ?? "text/plain; charset=\(charset)")
        return .response(Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: out))))
    }

    /// A short-lived content URL on this server: `hosts` + `path`, served by `ContentRoute`.
    static func getfilelink(_ call: Call) async throws -> Reply {
        let p = call.params
        let (file, content) = try await call.read { t -> (FileRow, Content) in
            let file = try p.file(in: t)
            return (file, try Revisions.content(of: file, params: p, in: t))
        }
        return .json(try await contentLink(call, blob: content, name: file.name))
    }

    /// Records a content link to `blob` and returns it as pCloud's file-link object.
    static func contentLink(_ call: Call, blob: Content, name: String) async throws -> JSONObject {
        let p = call.params, env = call.env
        let expires = Dates.now() + env.config.contentLinkLifetime
        let code = Tokens.random(length: 32)
        let link = ContentLinkRow(code: code, blob: blob.blob, name: name, expires: expires,
                                  contenttype: p["contenttype"] ?? ContentKind.of(name: name).contentType,
                                  forcedownload: p.bool("forcedownload"))
        try await call.store.write { db in
            try db.execute(sql: "DELETE FROM contentlinks WHERE expires < ?", arguments: [Dates.now() - 86400])
            try link.insert(db)
        }
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? "file"
        let path = p.bool("skipfilename") ? "/\(code)/" : "/\(code)/\(encoded)"
        return JSONObject([
            ("dwltag", .string(Tokens.random(length: 22))),
            ("hash", .uint(UInt64(bitPattern: blob.hash))), ("size", .int(blob.size)),
            ("expires", call.tf.json(expires)), ("path", .string(path)),
            ("hosts", .array([.string(env.contentHost(for: call.origin))])),
        ])
    }
}

/// `GET /CODE/NAME`: the bytes behind a content link, with `Range` support. Links stop working
/// after they expire (HTTP 410), as on the live service (REAL-SERVICE.md §7).
enum ContentRoute {
    static func serve(code: String, request: Request, env: SandboxEnv, pacer: Pacer) async throws -> Response {
        let link = try await env.store.read { db in try ContentLinkRow.fetchOne(db, key: code) }
        guard let link else { return plain(.notFound, "Not found\n") }
        guard link.expires >= Dates.now() else { return plain(.gone, "This link has expired.\n") }
        let path = env.store.blobs.path(link.blob)
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (attrs[.size] as? NSNumber)?.int64Value else { return plain(.notFound, "Not found\n") }

        var headers = HTTPFields()
        headers[.contentType] = link.forcedownload ? "application/octet-stream" : link.contenttype
        headers[.acceptRanges] = "bytes"
        let encoded = link.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
        headers[.contentDisposition] = "\(link.forcedownload ? "attachment" : "inline"); filename*=UTF-8''\(encoded)"

        var range: ClosedRange<Int64> = 0...max(0, size - 1)
        var status = HTTPResponse.Status.ok
        if let header = request.headers[.range], size > 0 {
            guard let r = parseRange(header, size: size) else {
                headers[.contentRange] = "bytes */\(size)"
                return Response(status: .rangeNotSatisfiable, headers: headers)
            }
            range = r
            status = .partialContent
            headers[.contentRange] = "bytes \(r.lowerBound)-\(r.upperBound)/\(size)"
        }
        let length = size == 0 ? 0 : range.upperBound - range.lowerBound + 1
        headers[.contentLength] = String(length)
        if request.method == .head || length == 0 { return Response(status: status, headers: headers) }
        return Response(status: status, headers: headers, body: fileBody(path: path, offset: range.lowerBound, length: length, pacer: pacer))
    }

    /// `bytes=A-B`, `bytes=A-` or `bytes=-N` (a single range).
    static func parseRange(_ header: String, size: Int64) -> ClosedRange<Int64>? {
        guard header.hasPrefix("bytes="), !header.contains(","), size > 0 else { return nil }
        let spec = header.dropFirst(6).split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard spec.count == 2 else { return nil }
        if spec[0].isEmpty {
            guard let n = Int64(spec[1]), n > 0 else { return nil }
            return max(0, size - n)...(size - 1)
        }
        guard let start = Int64(spec[0]), start < size else { return nil }
        let end = spec[1].isEmpty ? size - 1 : min(Int64(spec[1]) ?? -1, size - 1)
        guard end >= start else { return nil }
        return start...end
    }

    /// Streams part of a file; memory stays flat whatever the size (see `Pacer`).
    static func fileBody(path: String, offset: Int64, length: Int64, pacer: Pacer) -> ResponseBody {
        ResponseBody(contentLength: Int(length)) { writer in
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw POSIXError(.ENOENT) }
            defer { close(fd) }
            var position = offset, remaining = length
            var pacer = pacer
            while remaining > 0 {
                let want = Int(min(Int64(Pacer.chunk), remaining))
                var buffer = ByteBufferAllocator().buffer(capacity: want)
                let n = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: want) { ptr in
                    max(0, pread(fd, ptr.baseAddress!, want, off_t(position)))
                }
                if n == 0 { throw POSIXError(.EIO) }
                position += Int64(n)
                remaining -= Int64(n)
                try await writer.write(buffer)
                try await pacer.wrote(n)
            }
            try await writer.finish(nil)
        }
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
