import AsyncHTTPClient
import Foundation
import NIOCore

/// Many small files in one multipart `uploadfile` request: one round trip instead of hundreds.
extension PCloudClient {
    /// Uploads `files` (local file, remote name) into one folder, as few multipart requests as
    /// keep every file's modification time: `uploadfile` takes one `mtime` for a whole request, so
    /// files go together only when their mtimes share a second (or `options.mtime` sets one for
    /// all); a file alone in its second goes by itself. Results are in the order of `files`.
    public func uploadBatch(_ files: [(URL, String)], to folderid: Int, options: UploadOptions = UploadOptions(),
                            progress: TransferProgress? = nil) async throws -> [UploadResult] {
        guard !files.isEmpty else { return [] }
        // How a server unquotes a multipart filename varies (\" vs %22): names that need it go
        // alone through uploadFile, where the name is a plain query parameter.
        let byPut = files.indices.filter { Self.needsQuoting(files[$0].1) }
        let put = Set(byPut)
        var groups: [Int64?: [Int]] = [:]
        for i in files.indices where !put.contains(i) { groups[options.mtime ?? Self.mtime(of: files[i].0), default: []].append(i) }
        if byPut.isEmpty, groups.count == 1, let (mtime, _) = groups.first {
            return try await uploadMultipart(files, to: folderid, options: options.with(mtime: mtime), progress: progress)
        }
        var results: [UploadResult?] = Array(repeating: nil, count: files.count)
        for (mtime, indices) in groups.sorted(by: { $0.value[0] < $1.value[0] }) {
            if indices.count == 1, !Self.isEmptyFile(files[indices[0]].0) {
                let (url, name) = files[indices[0]]
                results[indices[0]] = try await uploadFile(url, to: folderid, name: name, options: options.with(mtime: mtime))
                continue
            }
            let placed = try await uploadMultipart(indices.map { files[$0] }, to: folderid,
                                                   options: options.with(mtime: mtime))
            for (i, r) in zip(indices, placed) { results[i] = r }
        }
        for i in byPut {
            results[i] = try await uploadFile(files[i].0, to: folderid, name: files[i].1, options: options)
        }
        return results.map { $0! }
    }

    /// One multipart `uploadfile` request; every file in it gets `options.mtime`. All parts are
    /// streamed from disk; the body has an exact Content-Length (pCloud dislikes chunked bodies).
    func uploadMultipart(_ files: [(URL, String)], to folderid: Int, options: UploadOptions,
                         progress: TransferProgress? = nil) async throws -> [UploadResult] {
        let boundary = "pcmd-\(UInt64.random(in: 0...UInt64.max))-\(UInt64.random(in: 0...UInt64.max))"
        var parts: [MultipartBody.Part] = []
        for (url, name) in files {
            // Opened when its turn comes: a batch of thousands must not hold thousands of descriptors.
            let size = try LocalFile.size(of: url.path)
            let header = "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(Self.quoted(name))\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
            parts.append(.init(header: ByteBuffer(string: header), path: url.path, size: size, hasher: ContentHasher()))
        }
        let body = MultipartBody(parts: parts, closing: ByteBuffer(string: "--\(boundary)--\r\n"), progress: progress)
        let p = options.params(folderid: folderid, mtime: nil)
        let request = try makeRequest("uploadfile", p, auth: .account,
                                      payload: .stream(contentType: "multipart/form-data; boundary=\(boundary)"))
        let data = try await fetchJSON(request, streaming: body, length: body.length, method: "uploadfile",
                                       timeout: .seconds(24 * 3600))
        let reply = try decode(UploadFileReply.self, from: data, method: "uploadfile")
        guard reply.metadata.count == files.count else {
            throw PCloudError(kind: .integrity, message: "uploadfile stored \(reply.metadata.count) of \(files.count) files",
                              category: .transient, method: "uploadfile")
        }
        var results: [UploadResult] = []
        for (i, metadata) in reply.metadata.enumerated() {
            let result = UploadResult(metadata: metadata, checksums: reply.checksums?[safe: i])
            if options.verify {
                try await verified(result, local: parts[i].hasher.finish(), size: parts[i].size, name: files[i].1)
            }
            results.append(result)
        }
        return results
    }

    static func needsQuoting(_ name: String) -> Bool {
        name.contains { $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\\" }
    }

    static func isEmptyFile(_ url: URL) -> Bool {
        ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int64) ?? 0) == 0
    }

    /// Quotes and line breaks cannot appear raw in a header parameter.
    static func quoted(_ name: String) -> String {
        name.replacingOccurrences(of: "\"", with: "%22").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }
}

/// The multipart body as a sequence: each part's header, its file in chunks, CRLF; then the
/// closing boundary.
struct MultipartBody: AsyncSequence, Sendable {
    struct Part: Sendable {
        let header: ByteBuffer
        let path: String
        let size: Int64
        let hasher: ContentHasher
    }
    typealias Element = ByteBuffer
    let parts: [Part]
    let closing: ByteBuffer
    let progress: TransferProgress?

    var length: Int64 {
        parts.reduce(Int64(closing.readableBytes)) { $0 + Int64($1.header.readableBytes) + $1.size + 2 }
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let body: MultipartBody
        let total: Int64
        var part = 0
        var stage = 0  // 0 header, 1 data, 2 CRLF
        var offset: Int64 = 0
        var sent: Int64 = 0
        var file: LocalFile?

        mutating func next() async throws -> ByteBuffer? {
            while part < body.parts.count {
                let p = body.parts[part]
                switch stage {
                case 0:
                    stage = 1; offset = 0
                    return emit(p.header)
                case 1:
                    if offset >= p.size { stage = 2; file = nil; continue }
                    try Task.checkCancellation()
                    if file == nil { file = try LocalFile(reading: p.path) }
                    let buffer = try file!.read(at: offset, count: Int(Swift.min(Int64(PCloudClient.streamChunk), p.size - offset)))
                    guard buffer.readableBytes > 0 else {
                        throw PCloudError(kind: .local, message: "\(p.path) shrank while uploading", category: .internal)
                    }
                    offset += Int64(buffer.readableBytes)
                    p.hasher.update(buffer)
                    return emit(buffer)
                default:
                    stage = 0; part += 1
                    return emit(ByteBuffer(string: "\r\n"))
                }
            }
            if part == body.parts.count {
                part += 1
                return emit(body.closing)
            }
            return nil
        }

        mutating func emit(_ buffer: ByteBuffer) -> ByteBuffer {
            sent += Int64(buffer.readableBytes)
            body.progress?(sent, total)
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(body: self, total: length) }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
