// URLSession (FoundationNetworking, libcurl underneath on Linux) doing what PCloudClient does
// over async-http-client, for Benchmarks/transport-ahc-vs-urlsession.sh: the same requests
// (parameters, order, headers, Bearer token in the header only), the same streaming and the
// same checks. Not part of pcmd.
//
// Trust: FoundationNetworking on Linux takes no custom CA. Its server-trust challenge is never
// sent (URLProtectionSpace.serverTrust is NSUnsupported) and URLSessionCertificateAuthorityInfoFile
// is read on Android only (EasyHandle.setCARootBundlePath, swift-6.3.1); libcurl then loads
// /etc/ssl/certs. The script gives this process a private mount namespace where that folder
// holds only the sandbox's CA, so verification stays on.
import Crypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import PCloudAPI

final class URLSessionTransport: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible { let description: String }

    let base: URL
    let token: String
    /// Replies are judged and decoded by the client's own code (it sends nothing here).
    let decoder: PCloudClient
    /// Streamed GETs in flight, by task identifier; touched on the serial delegate queue and
    /// when a task starts (under `lock`).
    private var sinks: [Int: FileSink] = [:]
    private let lock = NSLock()
    private var session: URLSession!

    init(base: URL, token: String, decoder: PCloudClient) {
        self.base = base
        self.token = token
        self.decoder = decoder
        super.init()
        let configuration = URLSessionConfiguration.default
        // The request timeout is the whole transfer's (not reset by progress) in FoundationNetworking.
        configuration.timeoutIntervalForRequest = 24 * 3600
        configuration.httpMaximumConnectionsPerHost = 8
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: queue)
    }

    // MARK: calls

    /// POST with an urlencoded body, as PCloudClient.makeRequest(.form) builds it.
    func call(_ method: String, _ params: Params) async throws -> Data {
        var p = params
        p["timeformat"] = "timestamp"
        var request = URLRequest(url: endpoint(method))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.httpBody = Data(p.encoded.utf8)
        let (data, response) = try await session.data(for: request)
        try Self.requireJSON(response, method)
        return data
    }

    private func endpoint(_ method: String, query: String = "") -> URL {
        let root = base.absoluteString.hasSuffix("/") ? String(base.absoluteString.dropLast()) : base.absoluteString
        return URL(string: "\(root)/\(method)" + (query.isEmpty ? "" : "?\(query)"))!
    }

    static func requireJSON(_ response: URLResponse, _ method: String) throws {
        let http = response as? HTTPURLResponse
        guard http?.value(forHTTPHeaderField: "Content-Type")?.contains("json") == true else {
            throw Failure(description: "\(method): HTTP \(http?.statusCode ?? 0) without JSON")
        }
    }

    // MARK: listfolder

    /// `listfolder` decoded by the client's own MetadataScanner.
    func listFolder(_ folderid: Int) async throws -> Metadata {
        let data = try await call("listfolder", ["folderid": String(folderid)])
        return try decoder.decodeMetadataReply(data, method: "listfolder")
    }

    // MARK: uploadfile

    struct UploadFileReply: Decodable {
        var metadata: [Metadata]
        var checksums: [Checksums]?
    }

    /// One raw PUT with a Content-Length, the body streamed from the file by FoundationNetworking
    /// (`upload(for:fromFile:)`: a file body is the only one it sends with a length; a stream
    /// body goes chunked, which pCloud refuses). It cannot hash the bytes as they leave, so the
    /// SHA-1 is computed from the file on another thread while the upload runs.
    func uploadFile(_ local: URL, to folderid: Int, renameifexists: Bool) async throws -> (Metadata, Checksums?, String) {
        let attributes = try FileManager.default.attributesOfItem(atPath: local.path)
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let mtime = (attributes[.modificationDate] as? Date).map { Int64($0.timeIntervalSince1970) }
        // The order UploadOptions.params and uploadFile give them.
        var p: Params = ["folderid": String(folderid)]
        p.flag("nopartial", true)
        p.flag("renameifexists", renameifexists)
        p.set("mtime", mtime)
        p["filename"] = local.lastPathComponent
        p["timeformat"] = "timestamp"
        var request = URLRequest(url: endpoint("uploadfile", query: p.encoded))
        request.httpMethod = "PUT"
        request.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        async let localSHA1 = Self.sha1(of: local.path)
        let (data, response) = try await session.upload(for: request, fromFile: local)
        try Self.requireJSON(response, "uploadfile")
        let reply = try decoder.decode(UploadFileReply.self, from: data, method: "uploadfile")
        guard let metadata = reply.metadata.first else { throw Failure(description: "uploadfile: no metadata") }
        let sha1 = try await localSHA1
        if metadata.size != size { throw Failure(description: "uploadfile: sent \(size), stored \(metadata.size ?? -1)") }
        if let remote = reply.checksums?.first, remote.sha1.lowercased() != sha1 {
            throw Failure(description: "uploadfile: sha1 \(remote.sha1) differs from local \(sha1)")
        }
        return (metadata, reply.checksums?.first, sha1)
    }

    /// The file's SHA-1 read in 1 MiB blocks on a thread of its own.
    static func sha1(of path: String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try sha1Blocking(path) })
            }
        }
    }

    private static func sha1Blocking(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(description: "cannot open \(path)") }
        defer { close(fd) }
        var hash = Insecure.SHA1()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            guard n >= 0 else { throw Failure(description: "cannot read \(path)") }
            if n == 0 { break }
            hash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<n]))
        }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    // MARK: download

    /// getfilelink, then one GET streamed by the data delegate into `.NAME.pcmd-part` beside the
    /// target (hashed as it arrives), checksumfile compared, fsync unless `durable` is off, rename.
    func download(fileid: Int, to target: URL, durable: Bool) async throws -> Int64 {
        let link = try decoder.decode(FileLink.self, from: try await call("getfilelink", ["fileid": String(fileid)]),
                                      method: "getfilelink")
        guard let url = link.urls(scheme: base.scheme ?? "https").first else { throw Failure(description: "no hosts") }
        let partial = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).pcmd-part")
        let sink = try FileSink(path: partial.path)
        let (status, error) = await withCheckedContinuation { (continuation: CheckedContinuation<(Int, (any Error)?), Never>) in
            sink.finished = continuation
            let task = session.dataTask(with: URLRequest(url: url))
            lock.withLock { sinks[task.taskIdentifier] = sink }
            task.resume()
        }
        if let error { throw error }
        guard status == 200 else { throw Failure(description: "download: HTTP \(status)") }
        if let failure = sink.failure { throw failure }
        struct Sums: Decodable { var sha1: String?; var metadata: Metadata }
        let sums = try decoder.decode(Sums.self, from: try await call("checksumfile", ["fileid": String(fileid)]),
                                      method: "checksumfile")
        let size = sink.offset
        guard sums.metadata.size == size else { throw Failure(description: "download: got \(size), server has \(sums.metadata.size ?? -1)") }
        let sha1 = sink.hash.finalize().map { String(format: "%02x", $0) }.joined()
        guard sums.sha1?.lowercased() == sha1 else { throw Failure(description: "download: sha1 \(sha1) differs from \(sums.sha1 ?? "?")") }
        if durable, fsync(sink.fd) != 0 { throw Failure(description: "fsync failed") }
        guard rename(partial.path, target.path) == 0 else { throw Failure(description: "rename failed") }
        if durable {
            let dir = open(target.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY)
            if dir >= 0 { fsync(dir); close(dir) }
        }
        return size
    }

    private func sink(for task: URLSessionTask) -> FileSink? {
        lock.withLock { sinks[task.taskIdentifier] }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @Sendable @escaping (URLSession.ResponseDisposition) -> Void) {
        sink(for: dataTask)?.status = (response as? HTTPURLResponse)?.statusCode ?? 0
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        sink(for: dataTask)?.write(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let sink = lock.withLock({ sinks.removeValue(forKey: task.taskIdentifier) }) else { return }
        sink.finished?.resume(returning: (sink.status, error))
        sink.finished = nil
    }
}

/// A download's file and running SHA-1; used only on the session's serial delegate queue.
final class FileSink: @unchecked Sendable {
    let fd: Int32
    var offset: Int64 = 0
    var hash = Insecure.SHA1()
    var status = 0
    var failure: URLSessionTransport.Failure?
    var finished: CheckedContinuation<(Int, (any Error)?), Never>?

    init(path: String) throws {
        fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw URLSessionTransport.Failure(description: "cannot create \(path)") }
    }

    deinit { close(fd) }

    func write(_ data: Data) {
        guard failure == nil, status == 200 else { return }
        data.withUnsafeBytes { ptr in
            var done = 0
            while done < ptr.count {
                let n = pwrite(fd, ptr.baseAddress! + done, ptr.count - done, off_t(offset) + off_t(done))
                guard n > 0 else { failure = .init(description: "write failed"); return }
                done += n
            }
            hash.update(bufferPointer: ptr)
        }
        offset += Int64(data.count)
    }
}
