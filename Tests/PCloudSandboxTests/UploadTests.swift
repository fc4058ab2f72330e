import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import Testing

@Suite struct UploadTests {
    @Test func rawPutUploadWithTimesAndChecksums() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("put")
        let data = Array("pCloud sandbox".utf8)
        let r = try await api.ok("uploadfile", ["folderid": String(top), "filename": "t.txt", "nopartial": "1",
                                                "mtime": "1700000000", "ctime": "1600000000", "timeformat": "timestamp"],
                                 httpMethod: .PUT, body: .bytes(ByteBuffer(bytes: data)))
        let meta = try #require((r["metadata"] as? [[String: Any]])?.first)
        let ids = try #require(r["fileids"] as? [Int])
        let sums = try #require((r["checksums"] as? [[String: Any]])?.first)
        #expect(ids == [meta["fileid"] as! Int])
        #expect(meta["modified"] as? Int == 1_700_000_000 && meta["created"] as? Int == 1_600_000_000)
        #expect(sums["sha1"] as? String == Insecure.SHA1.hash(data: data).map { String(format: "%02x", $0) }.joined())
        #expect(sums["md5"] as? String == Insecure.MD5.hash(data: data).map { String(format: "%02x", $0) }.joined())
        // rclone sends pre-1970 times as unsigned 64-bit two's complement.
        let old = try await api.upload([1], name: "old.txt", folder: top, extra: ["mtime": "18446744073709551516", "timeformat": "timestamp"])
        #expect(old["modified"] as? Int == -100)
        try await api.fails(2001, "uploadfile", ["folderid": String(top)])
        try await api.fails(2005, "uploadfile", ["folderid": "876543", "filename": "x"])
    }

    @Test func overwriteKeepsFileidAndRenameIfExistsRenames() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("overwrite")
        let first = try await api.upload(Array("v1".utf8), name: "doc.txt", folder: top)
        let second = try await api.upload(Array("version 2".utf8), name: "doc.txt", folder: top)
        #expect(first["fileid"] as? Int == second["fileid"] as? Int)
        #expect(second["size"] as? Int == 9)
        let third = try await api.upload(Array("v3".utf8), name: "doc.txt", folder: top, extra: ["renameifexists": "1"])
        #expect(third["name"] as? String == "doc (1).txt")
        #expect(third["fileid"] as? Int != first["fileid"] as? Int)
    }

    @Test func multipartWithSeveralFilesAndFields() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("multipart")
        let boundary = "----pcmdtest\(UUID().uuidString)"
        var body = ""
        // Credentials and target as multipart fields (PY does this), files under any part name.
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"access_token\"\r\n\r\n\(api.token)\r\n"
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"folderid\"\r\n\r\n\(top)\r\n"
        // One mtime (and ctime) for the request: every file in it gets them, as on pCloud.
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"mtime\"\r\n\r\n1650000000\r\n"
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"ctime\"\r\n\r\n1640000000\r\n"
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"one.txt\"\r\nContent-Type: text/plain\r\n\r\nfirst file\r\n"
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"whatever\"; filename=\"两 😀.txt\"\r\n\r\n\r\n"
        let big = String(repeating: "0123456789abcdef", count: 20_000)
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"content\"; filename=\"big.txt\"\r\n\r\n\(big)\r\n"
        body += "--\(boundary)--\r\n"
        var request = HTTPClientRequest(url: "\(api.base)/uploadfile")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "multipart/form-data; boundary=\(boundary)")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let json = try JSONSerialization.jsonObject(with: Data(buffer: try await response.body.collect(upTo: 1 << 20))) as! [String: Any]
        #expect(json["result"] as? Int == 0, "\(json)")
        let meta = try #require(json["metadata"] as? [[String: Any]])
        #expect(meta.map { $0["name"] as? String } == ["one.txt", "两 😀.txt", "big.txt"])
        #expect(meta.map { $0["size"] as? Int } == [10, 0, big.utf8.count])
        let stamps = try await api.ok("listfolder", ["folderid": String(top), "timeformat": "timestamp"]).contents
        #expect(stamps.map { $0["modified"] as? Int } == [1_650_000_000, 1_650_000_000, 1_650_000_000])
        #expect(stamps.map { $0["created"] as? Int } == [1_640_000_000, 1_640_000_000, 1_640_000_000])
        #expect((json["checksums"] as? [Any])?.count == 3 && (json["fileids"] as? [Any])?.count == 3)
        let listed = try await api.ok("listfolder", ["folderid": String(top)])
        #expect(listed.contents.count == 3)
    }

    @Test func uploadprogressReportsWhileStreaming() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("progress")
        let hash = "pcmd-\(UUID().uuidString)"
        let chunk = ByteBuffer(repeating: 0x61, count: 256 * 1024)
        let chunks = 16
        let gate = AsyncStream<Void>.makeStream()
        let sequence = AsyncStream<ByteBuffer> { continuation in
            Task {
                for i in 0..<chunks {
                    continuation.yield(chunk)
                    // Hold the upload half-way until the test has seen progress.
                    if i == chunks / 2 - 1 { for await _ in gate.stream { break } }
                }
                continuation.finish()
            }
        }
        var request = HTTPClientRequest(url: api.url("uploadfile", ["folderid": String(top), "filename": "slow.bin", "progresshash": hash]))
        request.method = .PUT
        request.headers.add(name: "Authorization", value: "Bearer \(api.token)")
        request.body = .stream(sequence, length: .known(Int64(chunk.readableBytes * chunks)))
        let upload = Task { try await HTTPClient.shared.execute(request, timeout: .seconds(60)) }

        var seen: Reply?
        for _ in 0..<200 {
            let r = try await api.call("uploadprogress", ["progresshash": hash])
            if r.result == 0, let uploaded = r["uploaded"] as? Int, uploaded >= chunk.readableBytes * chunks / 2 { seen = r; break }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        let mid = try #require(seen)
        #expect(mid["finished"] as? Bool == false)
        #expect(mid["total"] as? Int == chunk.readableBytes * chunks)
        #expect(mid["currentfile"] as? String == "slow.bin")
        #expect((mid["currentfileuploaded"] as? Int ?? 0) >= chunk.readableBytes * chunks / 2)
        #expect(mid["filenumber"] as? Int == 1)
        gate.continuation.yield()
        gate.continuation.finish()
        let response = try await upload.value
        #expect(response.status == .ok)
        _ = try await response.body.collect(upTo: 1 << 20)
        let done = try await api.ok("uploadprogress", ["progresshash": hash])
        #expect(done["finished"] as? Bool == true && done["currentfile"] == nil)
        #expect((done["files"] as? [[String: Any]])?.first?["name"] as? String == "slow.bin")
        try await api.fails(1900, "uploadprogress", ["progresshash": "never-started"])
        try await api.fails(1052, "uploadprogress")
    }

    @Test func brokenUploadWithNopartialLeavesNothing() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("broken")
        // Announce more bytes than are sent, then close the connection.
        let url = URL(string: api.url("uploadfile", ["folderid": String(top), "filename": "partial.bin", "nopartial": "1"]))!
        let socket = try TCPClient(host: "127.0.0.1", port: url.port!)
        try socket.send("PUT \(url.path)?\(url.query!) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(api.token)\r\nContent-Length: 100000\r\n\r\n" + String(repeating: "x", count: 5000))
        try await Task.sleep(nanoseconds: 200_000_000)
        socket.close()
        try await Task.sleep(nanoseconds: 500_000_000)
        let listed = try await api.ok("listfolder", ["folderid": String(top)])
        #expect(listed.contents.isEmpty)
    }

    @Test func concurrentUploadsAllLand() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("parallel")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<20 {
                group.addTask { try await api.upload(Array(repeating: UInt8(i), count: 10_000 + i), name: "f\(i).bin", folder: top) }
            }
            try await group.waitForAll()
        }
        let listed = try await api.ok("listfolder", ["folderid": String(top)])
        #expect(listed.contents.count == 20)
        #expect(Set(listed.contents.compactMap { $0["size"] as? Int }) == Set((0..<20).map { 10_000 + $0 }))
    }
}

/// A bare TCP connection for sending malformed or broken requests.
final class TCPClient {
    private let fd: Int32
    var fdForTests: Int32 { fd }
    init(host: String, port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &addr.sin_addr)
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard rc == 0 else { throw POSIXError(.ECONNREFUSED) }
    }
    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress!, $0.count, 0) }
            guard n > 0 else { throw POSIXError(.EPIPE) }
            off += n
        }
    }
    func close() { Glibc.close(fd) }
}
