import AsyncHTTPClient
import Foundation
import NIOCore

/// Resumable upload session (`upload_create` / `upload_write` / `upload_info` / `upload_save`).
/// Writes go strictly in order: the live service appends only (REAL-SERVICE §3), so a dropped
/// write resumes from the size `upload_info` reports, never from a guess.
extension PCloudClient {
    public struct UploadInfo: Decodable, Sendable {
        public var size: Int64
        public var sha1: String?
        public var md5: String?
        public var sha256: String?
    }

    /// Files at least this big take the resumable path in `upload(_:)`. It was 1 GiB while one
    /// `uploadfile` PUT beat a session of 32 MiB writes by 1.8x at every size. Since the sandbox's
    /// sessions keep running digests and `upload_save` moves the file, the two cost the same
    /// (Benchmarks/client-vs-curl-rclone.sh --only-threshold, release, 2 cores at load 11, median
    /// of 7 interleaved runs, PUT vs session: 16 MiB 0.23 vs 0.22 s, 64 MiB 0.46 vs 0.38 s,
    /// 256 MiB 1.25 vs 1.33 s, 1 GiB 5.73 vs 5.04 s; CPU equal at every size, at 1 GiB client
    /// 1.15 vs 1.16 s and sandbox 2.91 vs 2.93 s; a second series at load 5: session/PUT 0.91,
    /// 1.18, 0.88, 0.99, sandbox CPU at 1 GiB 2.93 vs 3.15 s). What is left is what a drop costs:
    /// a PUT sends everything again, a session at most one write; and long single requests get
    /// throttled (REAL-SERVICE §10). Below two writes a session saves nothing, so from 64 MiB;
    /// its four extra requests are a few round trips against seconds of transfer.
    public static let resumableThreshold: Int64 = 64 << 20
    public static let resumableChunk: Int64 = 32 << 20

    public func uploadCreate(filesize: Int64? = nil) async throws -> Int {
        struct R: Decodable { var uploadid: Int }
        var p = Params()
        p.set("filesize", filesize)
        return try await call("upload_create", p, idempotent: false, as: R.self).uploadid
    }

    public func uploadInfo(_ uploadid: Int) async throws -> UploadInfo {
        try await call("upload_info", ["uploadid": String(uploadid)], idempotent: true)
    }

    public func uploadSave(_ uploadid: Int, to folderid: Int, name: String, mtime: Int64? = nil, ctime: Int64? = nil,
                           renameifexists: Bool = false, ifhash: String? = nil) async throws -> Metadata {
        var p: Params = ["uploadid": String(uploadid), "folderid": String(folderid), "name": name]
        p.set("mtime", mtime)
        if mtime != nil { p.set("ctime", ctime) }
        p.flag("renameifexists", renameifexists)
        p["ifhash"] = ifhash
        return try await metadataCall("upload_save", p, idempotent: false)
    }

    public func uploadDelete(_ uploadid: Int) async throws {
        try await emptyCall("upload_delete", ["uploadid": String(uploadid)], idempotent: true)
    }

    /// One `upload_write` of `length` bytes of `file` from `offset`, streamed; `hasher` sees the
    /// bytes as they leave.
    func uploadWrite(_ uploadid: Int, file: LocalFile, offset: Int64, length: Int64, hasher: ContentHasher? = nil,
                     progress: (@Sendable (Int64) -> Void)?) async throws {
        let chunks = FileChunks(file: file, offset: offset, length: length, chunk: Self.streamChunk, hasher: hasher,
                                progress: progress)
        let p: Params = ["uploadid": String(uploadid), "uploadoffset": String(offset)]
        let request = try makeRequest("upload_write", p, auth: .account,
                                      payload: .stream(contentType: "application/octet-stream"))
        let data = try await fetchJSON(request, streaming: chunks, length: length, method: "upload_write",
                                       timeout: .seconds(3600))
        _ = try decode(Empty.self, from: data, method: "upload_write")
    }

    /// Uploads `local` through a resumable session: chunks in order; after a dropped connection
    /// (or a transient error, or 2068 when a write landed although its answer was lost) it
    /// continues from the size `upload_info` reports. `maxResumes` bounds the failures in a row
    /// without progress. The SHA-1 computed while sending (one pass, however often it resumed)
    /// is compared with the session's before it is saved.
    /// Progress is the client's own byte count (uploadprogress knows nothing of sessions, §5).
    /// `session` continues a session an earlier run saved, and hands out a new one's id.
    public func uploadResumable(_ local: URL, to folderid: Int, name: String? = nil,
                                options: UploadOptions = UploadOptions(), chunk: Int64 = resumableChunk,
                                progress: TransferProgress? = nil, maxResumes: Int = 5,
                                session: ResumableSession = ResumableSession()) async throws -> UploadResult {
        let file = try LocalFile(reading: local.path)
        let size = file.size
        let name = name ?? local.lastPathComponent
        let hasher = ContentHasher()
        let (saved, stored) = try await continued(session, size: size)
        var committed = stored
        if saved != nil {
            // The bytes already there are hashed from disk, so the SHA-1 check still covers them.
            try hasher.update(file: file, length: stored)
            progress?(stored, size)
        }
        let uploadid: Int
        if let saved { uploadid = saved } else {
            uploadid = try await uploadCreate(filesize: size)
            session.began?(uploadid)
        }
        var stalls = 0
        while committed < size {
            let length = min(chunk, size - committed)
            let base = committed
            do {
                try await uploadWrite(uploadid, file: file, offset: base, length: length, hasher: hasher,
                                      progress: Self.relative(progress, base: base, total: size))
                committed = base + length
                stalls = 0
            } catch let error as PCloudError
                where error.category == .transient || error.category == .rateLimited || error.code == 2068 {
                stalls += 1
                guard stalls <= maxResumes else { throw error }
                logger.debug("upload_write at \(base) failed (\(error)); resuming from upload_info")
                try await Task.sleep(for: config.retry.delay(afterAttempt: stalls, for: error))
                let stored = try await uploadInfo(uploadid).size
                guard (0...size).contains(stored) else {
                    try? await uploadDelete(uploadid)
                    throw PCloudError(kind: .integrity, message: "\(name): session holds \(stored) bytes of \(size)",
                                      category: .transient, method: "upload_info")
                }
                if stored > base { stalls = 0 }
                committed = stored
            }
        }
        let info = try await uploadInfo(uploadid)
        if hasher.hashedUpTo != size { try hasher.update(file: file, length: size) }
        let localSums = hasher.finish()
        if options.verify, info.size != size || (info.sha1.map { $0.lowercased() != localSums.sha1 } ?? false) {
            try? await uploadDelete(uploadid)
            throw PCloudError(kind: .integrity, message: "\(name): session holds \(info.size) bytes (sha1 \(info.sha1 ?? "?")), local \(size) (\(localSums.sha1))",
                              category: .transient, method: "upload_info")
        }
        let metadata = try await uploadSave(uploadid, to: folderid, name: name,
                                            mtime: options.mtime ?? Self.mtime(of: local), ctime: options.ctime,
                                            renameifexists: options.renameifexists)
        return UploadResult(metadata: metadata, checksums: Checksums(sha1: info.sha1 ?? localSums.sha1, md5: info.md5,
                                                                     sha256: info.sha256))
    }

    /// The saved session and the size it holds, when it can be continued; (nil, 0) for a new one.
    /// A session the server no longer knows (or that holds more than the file) is reported
    /// through `session.lost`; a transient failure is thrown, so a later try can still continue.
    private func continued(_ session: ResumableSession, size: Int64) async throws -> (Int?, Int64) {
        guard let id = session.uploadid else { return (nil, 0) }
        do {
            let stored = try await uploadInfo(id).size
            if (0...size).contains(stored) { return (id, stored) }
            try? await uploadDelete(id)
            session.lost?(PCloudError(kind: .integrity, message: "the session holds \(stored) bytes of \(size)",
                                      category: .badRequest, method: "upload_info"))
        } catch let error as PCloudError where error.code == 2067 || error.code == 2068 {
            // Unknown id (expired or deleted), or a session pclsync would discard.
            session.lost?(error)
        }
        return (nil, 0)
    }

    /// Picks the path by size: one `uploadfile` below the threshold, a resumable session above
    /// (which `session` can continue).
    public func upload(_ local: URL, to folderid: Int, name: String? = nil, options: UploadOptions = UploadOptions(),
                       session: ResumableSession = ResumableSession(),
                       progress: TransferProgress? = nil) async throws -> UploadResult {
        let size = (try? FileManager.default.attributesOfItem(atPath: local.path)[.size] as? Int64) ?? 0
        if size >= Self.resumableThreshold {
            return try await uploadResumable(local, to: folderid, name: name, options: options, progress: progress,
                                             session: session)
        }
        return try await uploadFile(local, to: folderid, name: name, options: options, progress: progress)
    }
}
