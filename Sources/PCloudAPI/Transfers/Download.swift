import AsyncHTTPClient
import Foundation
import NIOCore

/// Downloads: a fresh content link per attempt (REAL-SERVICE §7), streamed into a temporary file
/// beside the target, resumed with Range after a drop, verified against `checksumfile`, synced
/// and renamed into place atomically.
extension PCloudClient {
    public struct DownloadOptions: Sendable {
        public var attempts = 5
        /// Keep a partial temp file from an earlier run and continue it with Range.
        public var resume = true
        public var verify = true
        /// fsync the file (and its folder) before and after the rename, so a crash leaves the
        /// old file or the new one, never a torn one. Off only for throw-away copies (a preview):
        /// on a slow disk the flush can take longer than the transfer.
        public var durable = true
        public init(attempts: Int = 5, resume: Bool = true, verify: Bool = true, durable: Bool = true) {
            self.attempts = attempts; self.resume = resume; self.verify = verify; self.durable = durable
        }
    }

    /// The temporary file a download of `target` writes to.
    public static func partialPath(for target: URL) -> URL {
        target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).pcmd-part")
    }

    /// `options.attempts` bounds the failed attempts in a row without progress: a connection
    /// that keeps dropping but delivers more each time is followed to the end. The SHA-1 is
    /// computed as bytes arrive (a partial file from an earlier run is hashed first), so
    /// verifying costs no second pass.
    @discardableResult
    public func download(fileid: Int, to target: URL, revisionid: Int? = nil, options: DownloadOptions = DownloadOptions(),
                         progress: TransferProgress? = nil) async throws -> Metadata {
        let partial = Self.partialPath(for: target)
        if !options.resume { try? FileManager.default.removeItem(at: partial) }
        let out = try LocalFile(writing: partial.path, truncate: false)
        let hasher = ContentHasher()
        var failures = 0
        var expected: Int64 = -1
        while true {
            let before = out.size
            do {
                let link = try await getFileLink(fileid, revisionid: revisionid)
                expected = link.size ?? expected
                try await fetch(link, into: out, expected: expected, hasher: options.verify ? hasher : nil,
                                progress: progress)
                break
            } catch let error as PCloudError
                where error.category == .transient || error.category == .rateLimited
                || error.kind == .http(status: 410) || error.kind == .http(status: 404) {
                // A 404/410 is an expired link: the next attempt asks for a fresh one.
                failures = out.size > before ? 1 : failures + 1
                guard failures < options.attempts else { throw error }
                logger.debug("download of \(fileid) broke at \(out.size) bytes (\(error)); resuming")
                try await Task.sleep(for: config.retry.delay(afterAttempt: failures, for: error))
            }
        }
        let (sums, metadata) = try await checksumFile(fileid, revisionid: revisionid)
        let size = out.size
        if let want = metadata.size, revisionid == nil, want != size {
            throw integrity("\(target.lastPathComponent): got \(size) bytes, server has \(want)")
        }
        if options.verify {
            if hasher.hashedUpTo != size { hasher.reset(); try hasher.update(file: out, length: size) }
            let local = hasher.finish()
            guard sums.matches(local) else {
                try? FileManager.default.removeItem(at: partial)
                throw integrity("\(target.lastPathComponent): sha1 \(local.sha1) differs from the server's \(sums.sha1)")
            }
        }
        if options.durable { try out.sync() }
        try LocalFile.rename(partial.path, target.path)
        if options.durable { LocalFile.syncDirectory(of: target.path) }
        return metadata
    }

    /// GETs the link from the bytes already in `out`; a server that ignores Range restarts it.
    func fetch(_ link: FileLink, into out: LocalFile, expected: Int64, hasher: ContentHasher?,
               progress: TransferProgress?) async throws {
        var have = out.size
        if expected >= 0, have > expected { try out.truncate(to: 0); have = 0; hasher?.reset() }
        // A partial file left by an earlier run: hash what is there before appending.
        if let hasher, hasher.hashedUpTo != have {
            hasher.reset()
            try hasher.update(file: out, length: have)
        }
        if expected >= 0, have == expected { return }
        guard let url = link.urls(scheme: endpoint.scheme).first else {
            throw PCloudError.malformed("getfilelink", "no host to download from")
        }
        var request = HTTPClientRequest(url: url.absoluteString)
        if have > 0 { request.headers.add(name: "Range", value: "bytes=\(have)-") }
        let response: HTTPClientResponse
        do { response = try await transferHTTP.execute(request, timeout: .seconds(24 * 3600)) } catch {
            throw PCloudError.transport(error, method: "download", url: url.absoluteString)
        }
        switch response.status.code {
        case 206: break
        case 200:
            if have > 0 { try out.truncate(to: 0); have = 0; hasher?.reset() }
        case 416 where have > 0:
            try out.truncate(to: 0)
            hasher?.reset()
            throw PCloudError.http(416, method: "download")
        default:
            throw PCloudError.http(Int(response.status.code), method: "download")
        }
        // The announced length is the server's word: a huge one must not overflow the sum.
        let announced = response.headers.first(name: "content-length").flatMap { Int64($0) } ?? 0
        let total = expected >= 0 ? expected : have.addingReportingOverflow(max(0, announced)).partialValue
        var offset = have
        do {
            for try await chunk in response.body {
                // Waiting here holds the body back (back-pressure): memory stays at a buffer.
                try await TransferPacing.current?.pace(chunk.readableBytes)
                try out.write(chunk, at: offset)
                hasher?.update(chunk, at: offset)
                offset += Int64(chunk.readableBytes)
                progress?(offset, total)
            }
        } catch let e as PCloudError { throw e } catch {
            throw PCloudError.transport(error, method: "download", url: url.absoluteString, midTransfer: true)
        }
        if expected >= 0, offset < expected {
            let host = NetworkTrouble.host(of: url.absoluteString)
            var e = PCloudError(kind: .transport, message: "the connection to \(host ?? "the server") was lost at \(offset) of \(expected) bytes",
                                category: .transient, method: "download")
            e.network = .lost
            e.host = host
            throw e
        }
    }

    func integrity(_ message: String) -> PCloudError {
        PCloudError(kind: .integrity, message: message, category: .transient, method: "download")
    }
}
