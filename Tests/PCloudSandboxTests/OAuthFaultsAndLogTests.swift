import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import NIOCore
import PCloudSandbox
import Testing

@Suite struct OAuthFaultsAndLogTests {
    func get(_ url: String, method: HTTPMethodName = .GET, body: String? = nil) async throws -> (HTTPClientResponse, String) {
        var request = HTTPClientRequest(url: url)
        request.method = method == .GET ? .GET : .POST
        if let body {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await Self.noRedirects.execute(request, timeout: .seconds(30))
        return (response, String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }
    /// Redirects are what the OAuth tests look at, so none is followed.
    static let noRedirects: HTTPClient = {
        var config = HTTPClient.Configuration()
        config.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }()
    enum HTTPMethodName { case GET, POST }

    @Test func oauthCodeAndTokenFlows() async throws {
        let api = try await Harness.api()
        let alice = api.info.users[0]
        let query = "client_id=\(api.info.oauthClientID)&response_type=code&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb&state=xyz"
        let (page, html) = try await get("\(api.base)/oauth2/authorize?\(query)")
        #expect(page.status == .ok && html.contains("SANDBOX") && html.contains(alice.email))
        let (redirect, _) = try await get("\(api.base)/oauth2/authorize?\(query)", method: .POST, body: "email=\(API.escape(alice.email))")
        #expect(redirect.status == .found)
        let location = try #require(redirect.headers.first(name: "location"))
        let items = try #require(URLComponents(string: location)?.queryItems)
        func item(_ n: String) -> String? { items.first { $0.name == n }?.value }
        #expect(location.hasPrefix("http://127.0.0.1:9/cb?"))
        #expect(item("state") == "xyz" && item("locationid") == "1")
        #expect(item("hostname") == String(api.info.httpsURL!.dropFirst("https://".count)))
        let code = try #require(item("code"))
        try await api.fails(2000, "oauth2_token", ["client_id": api.info.oauthClientID, "client_secret": "wrong", "code": code], auth: .none)
        let token = try await api.ok("oauth2_token", ["client_id": api.info.oauthClientID, "client_secret": api.info.oauthClientSecret, "code": code], auth: .none)
        let access = try #require(token["access_token"] as? String)
        #expect(token["token_type"] as? String == "bearer" && token["locationid"] as? Int == 1 && token["uid"] as? Int == token["userid"] as? Int)
        let me = try await api.ok("userinfo", auth: .raw("access_token", access))
        #expect(me["email"] as? String == alice.email)
        // A code works once.
        try await api.fails(2012, "oauth2_token", ["client_id": api.info.oauthClientID, "client_secret": api.info.oauthClientSecret, "code": code], auth: .none)
        // Token flow: the token comes back in the fragment.
        let tokenQuery = query.replacingOccurrences(of: "response_type=code", with: "response_type=token")
        let (implicit, _) = try await get("\(api.base)/oauth2/authorize?\(tokenQuery)", method: .POST, body: "email=\(API.escape(alice.email))")
        let fragment = try #require(implicit.headers.first(name: "location")?.split(separator: "#").last)
        #expect(fragment.contains("access_token=") && fragment.contains("state=xyz") && fragment.contains("token_type=bearer"))
        let (bad, _) = try await get("\(api.base)/oauth2/authorize?client_id=nobody&response_type=code")
        #expect(bad.status == .badRequest)
    }

    @Test func faultsAndRequestLog() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-faults-\(UUID().uuidString)")
        var config = SandboxConfig(dataDir: dir, https: nil)
        config.requestLog = dir.appendingPathComponent("requests.jsonl")
        var logger = Logger(label: "faults")
        logger.logLevel = .critical
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let sandbox = try await Sandbox.start(config, logger: logger)
        defer { try? FileManager.default.removeItem(at: dir) }
        let api = API(base: sandbox.info.httpURL!, token: sandbox.info.users[0].token, info: sandbox.info)
        let top = try await api.folder("faults")
        let data = (0..<600_000).map { UInt8(truncatingIfNeeded: $0) }
        let id = try await api.upload(data, name: "f.bin", folder: top)["fileid"] as! Int

        let (set, text) = try await get("\(api.base)/_sandbox/faults?set=error%3D5000%3A1")
        #expect(set.status == .ok && text.contains("error=5000:1"))
        try await api.fails(5000, "userinfo")
        _ = try await get("\(api.base)/_sandbox/faults?set=ratelimit%3D1")
        try await api.fails(4000, "userinfo")
        // A download dropped after 100 KiB arrives short or fails, never whole.
        _ = try await get("\(api.base)/_sandbox/faults?set=drop-after%3D100KiB%3A1")
        let link = try await api.ok("getfilelink", ["fileid": String(id)])
        let short = try? await api.download(api.base + (link["path"] as! String))
        #expect(short == nil || short!.1.count < data.count)
        // A dropped upload with nopartial leaves nothing.
        let dropped = try? await api.call("uploadfile", ["folderid": String(top), "filename": "d.bin", "nopartial": "1"],
                                          httpMethod: .PUT, body: .bytes(ByteBuffer(bytes: data)))
        #expect(dropped == nil || dropped!.result != 0)
        let (bad, _) = try await get("\(api.base)/_sandbox/faults?set=nonsense")
        #expect(bad.status == .badRequest)
        _ = try await get("\(api.base)/_sandbox/faults?set=")
        #expect(try await api.ok("listfolder", ["folderid": String(top)]).contents.map { $0["name"] as? String } == ["f.bin"])

        // The request log holds names, never values; the bearer token never went in a URL.
        let alice = api.info.users[0]
        _ = try await api.call("userinfo", ["username": alice.email, "password": alice.password], auth: .none)
        await sandbox.stop()
        let lines = try String(contentsOf: config.requestLog!, encoding: .utf8).split(separator: "\n")
        #expect(lines.count > 5)
        #expect(!lines.contains { $0.contains(api.token) || $0.contains(alice.password) })
        let entries = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(entries.contains { $0["method"] as? String == "getfilelink" && $0["bearer"] as? Bool == true && $0["secretinurl"] as? Bool == false })
        #expect(entries.contains { $0["method"] as? String == "userinfo" && $0["secretinurl"] as? Bool == true })
    }

    /// `/_sandbox/traffic` counts a session's bytes; the session outlives a restart of the
    /// sandbox (same data folder): `upload_info` reports its size and SHA-1, writing goes on
    /// from there and `upload_save` stores the whole file. A new process counts from zero.
    @Test func uploadSessionsOutliveARestartAndTrafficIsCounted() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pcmd-restart-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var logger = Logger(label: "restart")
        logger.logLevel = .critical
        let first = try await Sandbox.start(SandboxConfig(dataDir: dir, https: nil), logger: logger)
        var api = API(base: first.info.httpURL!, token: first.info.users[0].token, info: first.info)
        let data = (0..<600_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }
        let id = try #require(try await api.ok("upload_create")["uploadid"] as? Int)
        try await api.ok("upload_write", ["uploadid": String(id), "uploadoffset": "0"], httpMethod: .PUT,
                         body: .bytes(ByteBuffer(bytes: data[..<250_000])))
        let (_, counted) = try await get("\(api.base)/_sandbox/traffic")
        #expect(counted.contains("\"upload_write\":250000"), "\(counted)")
        await first.stop()

        let second = try await Sandbox.start(SandboxConfig(dataDir: dir, https: nil), logger: logger)
        api = API(base: second.info.httpURL!, token: second.info.users[0].token, info: second.info)
        let (_, fresh) = try await get("\(api.base)/_sandbox/traffic")
        #expect(!fresh.contains("upload_write"), "\(fresh)")
        let info = try await api.ok("upload_info", ["uploadid": String(id)])
        func sha1(_ b: some Sequence<UInt8>) -> String { Insecure.SHA1.hash(data: Data(b)).map { String(format: "%02x", $0) }.joined() }
        #expect(info["size"] as? Int == 250_000 && info["sha1"] as? String == sha1(data[..<250_000]), "\(info.text)")
        try await api.ok("upload_write", ["uploadid": String(id), "uploadoffset": "250000"], httpMethod: .PUT,
                         body: .bytes(ByteBuffer(bytes: data[250_000...])))
        let top = try await api.folder("restart")
        let saved = try await api.ok("upload_save", ["uploadid": String(id), "folderid": String(top), "name": "r.bin"])
        let fileid = try #require(saved.metadata["fileid"] as? Int)
        #expect(try await api.ok("checksumfile", ["fileid": String(fileid)])["sha1"] as? String == sha1(data))
        let (_, after) = try await get("\(api.base)/_sandbox/traffic?reset=1")
        #expect(after.contains("\"upload_write\":350000"), "\(after)")
        let (_, reset) = try await get("\(api.base)/_sandbox/traffic")
        #expect(!reset.contains("upload_write"), "\(reset)")
        await second.stop()
    }
}
