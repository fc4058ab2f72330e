import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import PCloudSandbox
import Testing
import ZIPFoundation

@Suite struct LinkAndZipTests {
    @Test func getfilelinkServesContentWithRanges() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("link")
        let data = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        let id = try await api.upload(data, name: "data file + 中.bin", folder: top)["fileid"] as! Int
        let link = try await api.ok("getfilelink", ["fileid": String(id)])
        let hosts = try #require(link["hosts"] as? [String])
        let path = try #require(link["path"] as? String)
        #expect(link["size"] as? Int == data.count)
        #expect(link.text.range(of: #""hash":\d+,"#, options: .regularExpression) != nil)
        #expect((link["expires"] as? String)?.hasSuffix("+0000") == true)
        // Clients use https:// + hosts[0]; with TLS on, that is the HTTPS port even for HTTP callers.
        let httpsPort = try #require(URL(string: api.info.httpsURL!)?.port)
        #expect(hosts.first == "127.0.0.1:\(httpsPort)")
        let httpBase = api.base
        let (full, body) = try await api.download(httpBase + path, headers: [("Authorization", "Bearer ignored")])
        #expect(full.status == .ok && body == data)
        #expect(full.headers.first(name: "accept-ranges") == "bytes")
        let (part, slice) = try await api.download(httpBase + path, headers: [("Range", "bytes=1000-1999")])
        #expect(part.status == .partialContent && slice == Array(data[1000...1999]))
        #expect(part.headers.first(name: "content-range") == "bytes 1000-1999/\(data.count)")
        let (tail, end) = try await api.download(httpBase + path, headers: [("Range", "bytes=-10")])
        #expect(tail.status == .partialContent && end == Array(data.suffix(10)))
        let (bad, _) = try await api.download(httpBase + path, headers: [("Range", "bytes=999999-")])
        #expect(bad.status == .rangeNotSatisfiable)
        let (missing, _) = try await api.download(httpBase + "/nosuchcode/x")
        #expect(missing.status == .notFound)
        let empty = try await api.upload([], name: "empty.bin", folder: top)["fileid"] as! Int
        let emptyLink = try await api.ok("getfilelink", ["fileid": String(empty)])
        let (emptyResponse, emptyBody) = try await api.download(httpBase + (emptyLink["path"] as! String))
        #expect(emptyResponse.status == .ok && emptyBody.isEmpty)
        try await api.fails(1004, "getfilelink")
        try await api.fails(2009, "getfilelink", ["fileid": "31337"])
    }

    @Test func httpsWorksWithTheSandboxCA() async throws {
        let api = try await Harness.api()
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .file(try #require(api.info.caPath))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
        defer { _ = client.shutdown() }
        let top = try await api.folder("tls")
        let id = try await api.upload(Array("over tls".utf8), name: "t.txt", folder: top)["fileid"] as! Int
        var request = HTTPClientRequest(url: "\(api.info.httpsURL!)/getfilelink?fileid=\(id)")
        request.headers.add(name: "Authorization", value: "Bearer \(api.token)")
        let response = try await client.execute(request, timeout: .seconds(10))
        let json = try JSONSerialization.jsonObject(with: Data(buffer: try await response.body.collect(upTo: 1 << 16))) as! [String: Any]
        let host = try #require((json["hosts"] as? [String])?.first)
        let content = try await client.execute(HTTPClientRequest(url: "https://\(host)\(json["path"] as! String)"), timeout: .seconds(10))
        #expect(String(buffer: try await content.body.collect(upTo: 1 << 16)) == "over tls")
        // localhost is in the certificate too.
        let port = URL(string: api.info.httpsURL!)!.port!
        let viaName = try await client.execute(HTTPClientRequest(url: "https://localhost:\(port)/getip"), timeout: .seconds(10))
        #expect(viaName.status == .ok)
    }

    @Test func expiredContentLinksAnswer410() async throws {
        let sandbox = try await Harness.start(linkLifetime: -5)
        let api = API(base: sandbox.info.httpURL!, token: sandbox.info.users[0].token, info: sandbox.info)
        let top = try await api.folder("expired")
        let id = try await api.upload([1, 2, 3], name: "x.bin", folder: top)["fileid"] as! Int
        let link = try await api.ok("getfilelink", ["fileid": String(id)])
        let (response, _) = try await api.download(api.base + (link["path"] as! String))
        #expect(response.status == .gone)
        await sandbox.stop()
    }

    @Test func getzipFollowsTheTreeRules() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("zip")
        let sub = try await api.ok("createfolder", ["folderid": String(top), "name": "Sub Folder"]).metadata["folderid"] as! Int
        let a = try await api.upload(Array("alpha".utf8), name: "a.txt", folder: top)["fileid"] as! Int
        try await api.upload(Array("beta".utf8), name: "b.txt", folder: sub)
        let c = try await api.upload(Array("gamma".utf8), name: "c.txt", folder: sub)["fileid"] as! Int

        func zip(_ params: [String: String]) async throws -> [String: String] {
            var request = HTTPClientRequest(url: api.url("getzip", params))
            request.headers.add(name: "Authorization", value: "Bearer \(api.token)")
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            #expect(response.headers.first(name: "content-type") == "application/zip")
            let bytes = Data(buffer: try await response.body.collect(upTo: 64 << 20))
            try checkWithPython(bytes)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-\(UUID().uuidString).zip")
            try bytes.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let archive = try Archive(url: file, accessMode: .read)
            var out: [String: String] = [:]
            for entry in archive {
                var content = Data()
                if entry.type == .file { _ = try archive.extract(entry) { content.append($0) } }
                out[entry.path] = String(decoding: content, as: UTF8.self)
            }
            return out
        }
        #expect(try await zip(["fileids": String(a)]) == ["a.txt": "alpha"])
        #expect(try await zip(["folderids": String(sub)]) == ["Sub Folder/": "", "Sub Folder/b.txt": "beta", "Sub Folder/c.txt": "gamma"])
        #expect(try await zip(["folderid": String(top), "excludefileids": String(c)]) == ["a.txt": "alpha", "Sub Folder/": "", "Sub Folder/b.txt": "beta"])
        try await api.fails(2009, "getzip", ["fileids": "2222"])
        try await api.fails(1018, "getzip", ["fileids": "abc"])
    }

    @Test func publicLinks() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("publink")
        let id = try await api.upload(Array("share me".utf8), name: "s.txt", folder: top)["fileid"] as! Int
        let file = try await api.ok("getfilepublink", ["fileid": String(id)])
        #expect(file["linkid"] is Int && (file["code"] as? String)?.isEmpty == false)
        #expect((file["link"] as? String)?.contains(file["code"] as! String) == true)
        let folder = try await api.ok("getfolderpublink", ["folderid": String(top), "expire": "2030-01-01T00:00:00Z"])
        #expect(folder["linkid"] as? Int != file["linkid"] as? Int)
        try await api.fails(2015, "getfolderpublink", ["folderid": "0"])
        try await api.fails(2009, "getfilepublink", ["fileid": "99"])
        try await api.fails(2005, "getfolderpublink", ["folderid": "99"])
        try await api.fails(1013, "getfilepublink", ["fileid": String(id), "expire": "next tuesday"])
        try await api.fails(1004, "getfilepublink")
    }

    /// A second, independent reader: Python's zipfile, which PyPI's pcloud client uses.
    func checkWithPython(_ zip: Data) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-\(UUID().uuidString).zip")
        try zip.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None", file.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 zipfile rejected the archive")
    }
}
