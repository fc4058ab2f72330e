import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@Suite struct FileopsTests {
    @Test func descriptorsLiveWithTheConnection() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("fileops")
        // Fileops need one connection for a descriptor's whole life.
        var config = HTTPClient.Configuration()
        config.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 1)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
        defer { _ = client.shutdown() }
        func call(_ method: String, _ params: [String: String], body: String? = nil) async throws -> (Int, [String: Any], [UInt8]) {
            var request = HTTPClientRequest(url: api.url(method, params))
            request.method = body == nil ? .GET : .PUT
            request.headers.add(name: "Authorization", value: "Bearer \(api.token)")
            if let body { request.body = .bytes(ByteBuffer(string: body)) }
            let response = try await client.execute(request, timeout: .seconds(10))
            let bytes = Array(try await response.body.collect(upTo: 1 << 20).readableBytesView)
            let json = (try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]) ?? [:]
            return (json["result"] as? Int ?? 0, json, bytes)
        }
        let (r0, opened, _) = try await call("file_open", ["flags": "0x0042", "folderid": String(top), "name": "fo.txt"])
        #expect(r0 == 0)
        let fd = try #require(opened["fd"] as? Int)
        let fileid = try #require(opened["fileid"] as? Int)
        #expect(try await call("file_write", ["fd": "-1"], body: "hello ").1["bytes"] as? Int == 6)
        _ = try await call("file_write", ["fd": String(fd)], body: "world")
        _ = try await call("file_pwrite", ["fd": String(fd), "offset": "0"], body: "J")
        #expect(try await call("file_size", ["fd": String(fd)]).1["size"] as? Int == 11)
        #expect(try await call("file_seek", ["fd": String(fd), "offset": "-5", "whence": "2"]).1["offset"] as? Int == 6)
        #expect(String(decoding: try await call("file_read", ["fd": String(fd), "count": "100"]).2, as: UTF8.self) == "world")
        #expect(String(decoding: try await call("file_pread", ["fd": String(fd), "count": "5", "offset": "0"]).2, as: UTF8.self) == "Jello")
        let sum = try await call("file_checksum", ["fd": String(fd), "count": "11", "offset": "0"]).1
        #expect(sum["size"] as? Int == 11 && (sum["sha1"] as? String)?.count == 40)
        #expect(try await call("file_pread_ifmod", ["fd": String(fd), "count": "11", "offset": "0", "sha1": sum["sha1"] as! String]).0 == 6000)
        #expect(try await call("file_lock", ["fd": String(fd), "type": "2"]).1["locked"] as? Bool == true)
        #expect(try await call("file_lock", ["fd": String(fd), "type": "7"]).0 == 1012)
        _ = try await call("file_truncate", ["fd": String(fd), "length": "5"])
        #expect(try await call("file_close", ["fd": String(fd)]).0 == 0)
        #expect(try await call("file_read", ["fd": String(fd), "count": "1"]).0 == 1007)
        let st = try await api.ok("stat", ["fileid": String(fileid)])
        #expect(st.metadata["size"] as? Int == 5)
        // O_EXCL on an existing name; no O_CREAT on a missing file; missing flags.
        #expect(try await call("file_open", ["flags": "0x00C2", "folderid": String(top), "name": "fo.txt"]).0 == 2004)
        #expect(try await call("file_open", ["flags": "0x0002", "fileid": "123"]).0 == 2009)
        #expect(try await call("file_open", ["fileid": String(fileid)]).0 == 1006)
        // Another connection does not see this one's descriptors.
        let other = try await api.call("file_size", ["fd": "1"])
        #expect(other.result == 1007)
    }
}
