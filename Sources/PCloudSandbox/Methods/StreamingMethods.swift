import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import NIOCore

enum StreamingMethods {
    static let methods: [String: MethodSpec] = [
        "getfilelink": MethodSpec(auth: .user, handler: getfilelink),
    ]

    /// A short-lived content URL on this server: `hosts` + `path`, served by `ContentRoute`.
    static func getfilelink(_ call: Call) async throws -> Reply {
        let p = call.params, env = call.env
        let expires = Dates.now() + env.config.contentLinkLifetime
        let code = Tokens.random(length: 32)
        let file = try await call.write { t -> (FileRow, Content) in
            let file = try p.file(in: t)
            let content = try Revisions.content(of: file, params: p, in: t)
            let kind = ContentKind.of(name: file.name)
            let link = ContentLinkRow(code: code, blob: content.blob, name: file.name, expires: expires,
                                      contenttype: p["contenttype"] ?? kind.contentType,
                                      forcedownload: p.bool("forcedownload"))
            try t.db.execute(sql: "DELETE FROM contentlinks WHERE expires < ?", arguments: [Dates.now() - 86400])
            try link.insert(t.db)
            return (file, content)
        }
        let name = file.0.name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? "file"
        let path = p.bool("skipfilename") ? "/\(code)/" : "/\(code)/\(name)"
        return .json(JSONObject([
            ("dwltag", .string(Tokens.random(length: 22))),
            ("hash", .uint(UInt64(bitPattern: file.1.hash))), ("size", .int(file.1.size)),
            ("expires", call.tf.json(expires)), ("path", .string(path)),
            ("hosts", .array([.string(env.contentHost(for: call.origin))])),
        ]))
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
