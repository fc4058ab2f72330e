import AsyncHTTPClient
import Foundation
import NIOCore
import PCloudSandbox
import Testing

@Suite struct TrashDiffAndParamsTests {
    @Test func trashClearNeedsPasswordOrSessionAndEmptiesTheTrash() async throws {
        let api = try await Harness.api()
        let alice = api.info.users[0]
        let top = try await api.folder("trash")
        let id = try await api.upload(Array("bye".utf8), name: "gone.txt", folder: top)["fileid"] as! Int
        try await api.ok("deletefile", ["fileid": String(id)])
        // The live service answers 1000 to OAuth tokens here (REAL-SERVICE.md §1).
        try await api.fails(1000, "trash_clear", ["fileid": String(id)])
        try await api.fails(1053, "trash_clear", ["username": alice.email, "password": alice.password], auth: .none)
        try await api.fails(2009, "trash_clear", ["fileid": "7777", "username": alice.email, "password": alice.password], auth: .none)
        try await api.ok("trash_clear", ["fileid": String(id), "username": alice.email, "password": alice.password], auth: .none)
        let listed = try await api.ok("listfolder", ["folderid": String(top), "showdeleted": "1"])
        #expect(listed.contents.isEmpty)
        // folderid=0 clears everything (rclone cleanup sends its root id). As bob: other tests
        // keep things in alice's trash meanwhile.
        let bobAPI = try await Harness.api(1)
        let bob = api.info.users[1]
        let bobTop = try await bobAPI.folder("trash")
        let sub = try await bobAPI.ok("createfolder", ["folderid": String(bobTop), "name": "sub"]).metadata["folderid"] as! Int
        try await bobAPI.upload([1], name: "x", folder: sub)
        try await bobAPI.ok("deletefolderrecursive", ["folderid": String(sub)])
        let session = try #require(try await bobAPI.ok("userinfo", ["username": bob.email, "password": bob.password, "getauth": "1"], auth: .none)["auth"] as? String)
        try await bobAPI.ok("trash_clear", ["folderid": "0"], auth: .raw("auth", session))
        #expect(try await bobAPI.ok("listfolder", ["folderid": String(bobTop), "showdeleted": "1"]).contents.isEmpty)
        #expect(try await bobAPI.ok("trash_list", auth: .raw("auth", session)).contents.isEmpty)
    }

    @Test func diffReportsChangesAndBlocksBoundedly() async throws {
        // carol: no other test changes her files, so "nothing new" holds.
        let api = try await Harness.api(2)
        let start = try await api.ok("diff", ["last": "0"])
        let diffid = try #require(start["diffid"] as? Int)
        #expect((start["entries"] as? [Any])?.isEmpty == true)
        let name = "diff-\(UUID().uuidString.prefix(6))"
        let folder = try await api.ok("createfolder", ["folderid": "0", "name": name]).metadata["folderid"] as! Int
        let after = try await api.ok("diff", ["diffid": String(diffid)])
        let entries = try #require(after["entries"] as? [[String: Any]])
        let created = try #require(entries.first { $0["event"] as? String == "createfolder" })
        let meta = try #require(created["metadata"] as? [String: Any])
        #expect(meta["name"] as? String == name && meta["folderid"] as? Int == folder && meta["parentfolderid"] as? Int == 0)
        #expect(created["diffid"] as? Int ?? 0 > diffid && created["time"] is String)
        let newID = try #require(after["diffid"] as? Int)
        #expect(newID > diffid)
        // Nothing new: block returns empty after the (test-configured) bound.
        let clock = ContinuousClock()
        let t0 = clock.now
        let idle = try await api.ok("diff", ["diffid": String(newID), "block": "1"])
        #expect((idle["entries"] as? [Any])?.isEmpty == true && idle["diffid"] as? Int == newID)
        #expect(clock.now - t0 >= .milliseconds(900))
        // A change during the block wakes it.
        let waiter = Task { try await api.ok("diff", ["diffid": String(newID), "block": "1"]) }
        try await api.ok("deletefolder", ["folderid": String(folder)])
        let woke = try await waiter.value
        #expect((woke["entries"] as? [[String: Any]])?.contains { $0["event"] as? String == "deletefolder" } == true)
        let full = try await api.ok("diff")
        #expect((full["entries"] as? [[String: Any]])?.first?["event"] as? String == "reset")
    }

    @Test func parametersFromBodyCookiesAndRepeats() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("params")
        // urlencoded POST body with + as space.
        var request = HTTPClientRequest(url: "\(api.base)/createfolder")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: "access_token=\(api.token)&folderid=\(top)&name=with+space%2Bplus&unknown=ignored"))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 16))
        #expect(text.contains("\"name\":\"with space+plus\""), "\(text)")
        // Session token as a cookie.
        let alice = api.info.users[0]
        let session = try #require(try await api.ok("userinfo", ["username": alice.email, "password": alice.password, "getauth": "1"], auth: .none)["auth"] as? String)
        var cookieRequest = HTTPClientRequest(url: "\(api.base)/listfolder?folderid=\(top)")
        cookieRequest.headers.add(name: "Cookie", value: "auth=\(session)")
        let viaCookie = try await HTTPClient.shared.execute(cookieRequest, timeout: .seconds(10))
        #expect(String(buffer: try await viaCookie.body.collect(upTo: 1 << 16)).contains("with space+plus"))
        // Repeated keys join as a list (httpx style), booleans as true/false.
        let a = try await api.upload([1], name: "a", folder: top)["fileid"] as! Int
        let b = try await api.upload([2], name: "b", folder: top)["fileid"] as! Int
        var zipRequest = HTTPClientRequest(url: "\(api.base)/getzip?fileids=\(a)&fileids=\(b)&forcedownload=true")
        zipRequest.headers.add(name: "Authorization", value: "Bearer \(api.token)")
        let zip = try await HTTPClient.shared.execute(zipRequest, timeout: .seconds(10))
        #expect(zip.headers.first(name: "content-type") == "application/octet-stream")
        let bytes = try await zip.body.collect(upTo: 1 << 20)
        #expect(bytes.readableBytes > 100 && bytes.getBytes(at: 0, length: 2) == [0x50, 0x4B])
        let off = try await api.ok("listfolder", ["folderid": String(top), "nofiles": "false"])
        #expect(off.contents.count == 3)
    }

    @Test func expectContinueIsAnswered() async throws {
        let api = try await Harness.api()
        let port = URL(string: api.base)!.port!
        let socket = try TCPClient(host: "127.0.0.1", port: port)
        defer { socket.close() }
        try socket.send("PUT /uploadfile?folderid=0&filename=expect.txt&access_token=\(api.token) HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n")
        let first = try socket.receive()
        #expect(first.hasPrefix("HTTP/1.1 100"))
        try socket.send("abc")
        var reply = ""
        for _ in 0..<50 where !reply.contains("fileids") { reply += try socket.receive() }
        #expect(reply.contains("\"result\":0"))
    }

    @Test func stateSurvivesARestart() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-restart-\(UUID().uuidString)")
        let first = try await Harness.start(linkLifetime: 60, dataDir: dir)
        let api1 = API(base: first.info.httpURL!, token: first.info.users[0].token, info: first.info)
        let top = try await api1.folder("persist")
        let id = try await api1.upload(Array("still here".utf8), name: "p.txt", folder: top)["fileid"] as! Int
        await first.stop()
        let second = try await Harness.start(linkLifetime: 60, dataDir: dir)
        #expect(second.info.users[0].token == first.info.users[0].token)
        let api2 = API(base: second.info.httpURL!, token: second.info.users[0].token, info: second.info)
        let link = try await api2.ok("getfilelink", ["fileid": String(id)])
        let (_, body) = try await api2.download(api2.base + (link["path"] as! String))
        #expect(String(decoding: body, as: UTF8.self) == "still here")
        await second.stop()
        try? FileManager.default.removeItem(at: dir)
    }

    @Test func demoSeedHasAVariedTree() async throws {
        let api = try await Harness.api()
        let root = try await api.ok("listfolder", ["folderid": "0"])
        let names = Set(root.contents.compactMap { $0["name"] as? String })
        #expect(names.isSuperset(of: ["Documents", "Photos", "Archives", "中文资料", "🎵 Music", "README.txt"]))
        var files = 0, images = 0, zips = 0
        for top in root.contents where top["isfolder"] as? Bool == true && !(top["name"] as! String).contains("-") {
            let tree = try await api.ok("listfolder", ["folderid": String(top["folderid"] as! Int), "recursive": "1"])
            func walk(_ items: [[String: Any]]) {
                for i in items {
                    if i["isfolder"] as? Bool == true { walk(i["contents"] as? [[String: Any]] ?? []) } else {
                        files += 1
                        if i["category"] as? Int == 1 { images += 1 }
                        if i["contenttype"] as? String == "application/zip" { zips += 1 }
                    }
                }
            }
            walk(tree.contents)
        }
        #expect(files >= 250 && images >= 20 && zips >= 1)
    }
}

extension TCPClient {
    func receive() throws -> String {
        var buf = [UInt8](repeating: 0, count: 4096)
        let n = buf.withUnsafeMutableBytes { recv(fdForTests, $0.baseAddress!, $0.count, 0) }
        guard n > 0 else { return "" }
        return String(decoding: buf[0..<n], as: UTF8.self)
    }
}
