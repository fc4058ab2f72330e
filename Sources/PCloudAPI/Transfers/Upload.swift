import AsyncHTTPClient
import Foundation
import NIOCore

/// Options of `uploadfile` and `upload_save`.
public struct UploadOptions: Sendable, Hashable {
    /// Discard the file if the upload breaks off (no partial file left behind).
    public var nopartial = true
    /// Store as `name (2).ext` instead of overwriting an existing file.
    public var renameifexists = false
    /// Unix seconds; nil takes the local file's modification time.
    public var mtime: Int64?
    public var ctime: Int64?
    /// Lets `uploadprogress` report on this request (on `progressHost()`).
    public var progresshash: String?
    /// Compare the server's SHA-1 with the one computed while sending.
    public var verify = true

    public init(nopartial: Bool = true, renameifexists: Bool = false, mtime: Int64? = nil, ctime: Int64? = nil,
                progresshash: String? = nil, verify: Bool = true) {
        self.nopartial = nopartial; self.renameifexists = renameifexists; self.mtime = mtime; self.ctime = ctime
        self.progresshash = progresshash; self.verify = verify
    }

    /// The same options with `mtime` set (kept when already given).
    func with(mtime fallback: Int64?) -> UploadOptions {
        var o = self
        o.mtime = mtime ?? fallback
        return o
    }

    func params(folderid: Int, mtime fallback: Int64?) -> Params {
        var p: Params = ["folderid": String(folderid)]
        p.flag("nopartial", nopartial)
        p.flag("renameifexists", renameifexists)
        let m = mtime ?? fallback
        p.set("mtime", m)
        if m != nil { p.set("ctime", ctime) }
        p["progresshash"] = progresshash
        return p
    }
}

/// What an upload stored, with the server's checksums.
public struct UploadResult: Sendable, Hashable {
    public var metadata: Metadata
    public var checksums: Checksums?
}

/// Bytes sent so far of a total.
public typealias TransferProgress = @Sendable (_ done: Int64, _ total: Int64) -> Void

struct UploadFileReply: Decodable {
    var fileids: [Int]?
    var metadata: [Metadata]
    var checksums: [Checksums]?
}

extension PCloudClient {
    /// Chunk size for streamed bodies: large enough for full speed, small enough for flat memory
    /// (256 MiB PUT on a loaded machine: 1 MiB chunks peak at 38–41 MiB RSS, 256 KiB at 36 MiB and
    /// as fast, 64 KiB at 34 MiB but 30% slower).
    static let streamChunk = 256 << 10

    /// Uploads one file with a raw PUT and a Content-Length, streamed from disk (never loaded).
    /// Not retried here: the job queue decides, and a retry reopens the file.
    public func uploadFile(_ local: URL, to folderid: Int, name: String? = nil, options: UploadOptions = UploadOptions(),
                           progress: TransferProgress? = nil) async throws -> UploadResult {
        let file = try LocalFile(reading: local.path)
        let size = file.size
        let name = name ?? local.lastPathComponent
        if size == 0 { return try await uploadEmpty(local, to: folderid, name: name, options: options) }
        var p = options.params(folderid: folderid, mtime: Self.mtime(of: local))
        p["filename"] = name
        // Hashing is most of the client's CPU on a fast link: only done when it is checked.
        let hasher = options.verify ? ContentHasher() : nil
        let chunks = FileChunks(file: file, offset: 0, length: size, chunk: Self.streamChunk, hasher: hasher,
                                progress: Self.relative(progress, base: 0, total: size))
        let request = try makeRequest("uploadfile", p, auth: .account,
                                      payload: .stream(contentType: "application/octet-stream"))
        let data = try await fetchJSON(request, streaming: chunks, length: size, method: "uploadfile",
                                       timeout: .seconds(24 * 3600))
        let reply = try decode(UploadFileReply.self, from: data, method: "uploadfile")
        guard let metadata = reply.metadata.first else {
            throw PCloudError.malformed("uploadfile", "no metadata for the file sent")
        }
        let result = UploadResult(metadata: metadata, checksums: reply.checksums?.first)
        if let hasher { try await verified(result, local: hasher.finish(), size: size, name: name) }
        return result
    }

    /// A zero-length PUT does not work on pCloud (rclone), so an empty file goes as multipart. A
    /// name a multipart header cannot carry (`"`, a line break) goes under a plain one first and
    /// is then renamed, which replaces a file of that name as an upload would (`renameifexists`
    /// is not honoured on this path; pcmd resolves conflicts before it uploads).
    func uploadEmpty(_ local: URL, to folderid: Int, name: String, options: UploadOptions) async throws -> UploadResult {
        let options = options.with(mtime: Self.mtime(of: local))
        guard Self.needsQuoting(name) else { return try await uploadMultipart([(local, name)], to: folderid, options: options).first! }
        var placed = try await uploadMultipart([(local, ".pcmd-empty-\(UUID().uuidString)")], to: folderid, options: options).first!
        placed.metadata = try await renameFile(placed.metadata.itemID, to: .rename(name))
        return placed
    }

    /// What the server has received of an `uploadfile` that carried `progresshash` (flows.md §1);
    /// `1900` until the server has seen the request. Poll on `progressHost()`.
    public func uploadProgress(_ progresshash: String) async throws -> UploadProgressSnapshot {
        try await call("uploadprogress", ["progresshash": progresshash], idempotent: true)
    }

    /// The same upload as an async sequence of progress events ending with the result.
    public func uploadFileEvents(_ local: URL, to folderid: Int, name: String? = nil,
                                 options: UploadOptions = UploadOptions()) -> AsyncThrowingStream<UploadEvent, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let result = try await self.uploadFile(local, to: folderid, name: name, options: options) { done, total in
                        continuation.yield(.progress(done: done, total: total))
                    }
                    continuation.yield(.finished(result))
                    continuation.finish()
                } catch { continuation.finish(throwing: error) }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Throws when the stored file differs from what was sent, after deleting it (to the trash,
    /// where pCloud keeps it): no bad bytes stay under its name, and a retry sends it again.
    func verified(_ result: UploadResult, local: Checksums, size: Int64, name: String) async throws {
        do { try Self.verify(result, local: local, size: size, name: name) } catch {
            if let fileid = result.metadata.fileid { _ = try? await deleteFile(fileid) }
            throw error
        }
    }

    static func verify(_ result: UploadResult, local: Checksums, size: Int64, name: String) throws {
        if let stored = result.metadata.size, stored != size {
            throw PCloudError(kind: .integrity, message: "\(name): sent \(size) bytes, server stored \(stored)",
                              category: .transient, method: "uploadfile")
        }
        if let remote = result.checksums, !remote.matches(local) {
            throw PCloudError(kind: .integrity, message: "\(name): checksum differs (local sha1 \(local.sha1), server \(remote.sha1))",
                              category: .transient, method: "uploadfile")
        }
    }

    /// Adapts a (done, total) callback to the byte count of one streamed body starting at `base`.
    static func relative(_ progress: TransferProgress?, base: Int64, total: Int64) -> (@Sendable (Int64) -> Void)? {
        guard let progress else { return nil }
        return { sent in progress(base + sent, total) }
    }

    static func mtime(of url: URL) -> Int64? {
        guard let date = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date else {
            return nil
        }
        return Int64(date.timeIntervalSince1970)
    }
}

public enum UploadEvent: Sendable {
    case progress(done: Int64, total: Int64)
    case finished(UploadResult)
}
