import AsyncHTTPClient
import Crypto
import Foundation
import Testing

@Suite struct GeneralAndAuthTests {
    @Test func getdigestIssuesDigestWithExpiry() async throws {
        let api = try await Harness.api()
        let r = try await api.ok("getdigest", auth: .none)
        #expect((r["digest"] as? String)?.count ?? 0 >= 20)
        #expect((r["expires"] as? String)?.hasSuffix("+0000") == true)
    }

    @Test func serverInfoMethods() async throws {
        let api = try await Harness.api()
        let servers = try await api.ok("getapiserver", auth: .none)
        #expect((servers["api"] as? [String])?.first?.hasPrefix("127.0.0.1:") == true)
        #expect((servers["binapi"] as? [String])?.isEmpty == false)
        let current = try await api.ok("currentserver", auth: .none)
        #expect((current["hostname"] as? String)?.hasPrefix("127.0.0.1:") == true)
        #expect(current["ip"] as? String == "127.0.0.1")
        let ip = try await api.ok("getip", auth: .none)
        #expect(ip["ip"] as? String == "127.0.0.1")
    }

    @Test func userinfoWithEveryKindOfCredential() async throws {
        let api = try await Harness.api()
        let alice = api.info.users[0]
        let bearer = try await api.ok("userinfo")
        #expect(bearer["email"] as? String == alice.email)
        #expect((bearer["quota"] as? Int ?? 0) > 0)
        #expect(bearer["usedquota"] is Int)
        #expect(bearer["auth"] == nil)
        try await api.ok("userinfo", auth: .raw("access_token", alice.token))
        // username + password with getauth returns a session token that then works as `auth`.
        let login = try await api.ok("userinfo", ["username": alice.email, "password": alice.password, "getauth": "1", "logout": "1"], auth: .none)
        let auth = try #require(login["auth"] as? String)
        let viaAuth = try await api.ok("userinfo", auth: .raw("auth", auth))
        #expect(viaAuth["email"] as? String == alice.email)
        // An OAuth caller gets no session token back (REAL-SERVICE.md §1).
        let oauth = try await api.ok("userinfo", ["getauth": "1"])
        #expect(oauth["auth"] == nil)
    }

    @Test func digestLogin() async throws {
        let api = try await Harness.api()
        let alice = api.info.users[0]
        let digest = try #require(try await api.ok("getdigest", auth: .none)["digest"] as? String)
        func sha1(_ s: String) -> String { Insecure.SHA1.hash(data: Data(s.utf8)).map { String(format: "%02x", $0) }.joined() }
        let pd = sha1(alice.password + sha1(alice.email.lowercased()) + digest)
        let params = ["username": alice.email.uppercased(), "digest": digest, "passworddigest": pd, "getauth": "1"]
        let r = try await api.ok("userinfo", params, auth: .none)
        #expect(r["auth"] is String)
        // A digest is good for one login only.
        try await api.fails(2000, "userinfo", params, auth: .none)
        // The formula itself, against the reference's test vector.
        #expect(sha1("secret" + sha1("user@example.com") + "YGtAxbUpI85Zvs7lC7Z62rBwv907TBXhV2L867Hkh") == "1c521e12ade54519022869fb94e57c062c4c2c60")
    }

    @Test func credentialErrors() async throws {
        let api = try await Harness.api()
        try await api.fails(1000, "userinfo", auth: .none)
        try await api.fails(2000, "userinfo", auth: .raw("access_token", "not-a-token"))
        try await api.fails(2000, "userinfo", auth: .raw("auth", "not-a-token"))
        try await api.fails(2000, "userinfo", ["username": "alice@example.com", "password": "wrong"], auth: .none)
        try await api.fails(2000, "userinfo", ["username": "nobody@example.com", "password": "x"], auth: .none)
        var request = HTTPClientRequest(url: api.url("listfolder", ["folderid": "0"]))
        request.headers.add(name: "Authorization", value: "Bearer wrong")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        #expect(response.status == .ok)
        #expect(String(buffer: try await response.body.collect(upTo: 1 << 16)).contains("\"result\":2000"))
    }

    @Test func unknownMethodsAreRefusedPlainly() async throws {
        let api = try await Harness.api()
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "\(api.base)/nosuchmethod"), timeout: .seconds(10))
        #expect(response.status == .notFound)
        #expect(String(buffer: try await response.body.collect(upTo: 1 << 16)).contains("Unknown method"))
    }

    @Test func tokensLogoutAndTheOAuthRefusal() async throws {
        let api = try await Harness.api(1)
        let bob = api.info.users[1]
        let login = try await api.ok("userinfo", ["username": bob.email, "password": bob.password, "getauth": "1"], auth: .none)
        let session = try #require(login["auth"] as? String)
        // listtokens/deletetoken refuse OAuth tokens as the live service does, and take session tokens.
        try await api.fails(1000, "listtokens")
        let list = try await api.ok("listtokens", auth: .raw("auth", session))
        let tokens = try #require(list["tokens"] as? [[String: Any]])
        #expect(tokens.count >= 2)
        for t in tokens { #expect(t["tokenid"] is Int && t["created"] is String && t["expires"] is String && t["device"] is String) }
        try await api.fails(1076, "deletetoken", auth: .raw("auth", session))
        try await api.fails(2102, "deletetoken", ["tokenid": "999999"], auth: .raw("auth", session))
        let second = try #require(try await api.ok("userinfo", ["username": bob.email, "password": bob.password, "getauth": "1"], auth: .none)["auth"] as? String)
        let secondID = try #require(try await api.ok("listtokens", auth: .raw("auth", second))["tokens"] as? [[String: Any]])
            .first { $0["current"] as? Bool == true }?["tokenid"] as? Int
        try await api.ok("deletetoken", ["tokenid": String(try #require(secondID))], auth: .raw("auth", session))
        try await api.fails(2000, "userinfo", auth: .raw("auth", second))
        // logout kills the token it was called with.
        let out = try await api.ok("logout", auth: .raw("auth", session))
        #expect(out["auth_deleted"] as? Bool == true)
        try await api.fails(2000, "userinfo", auth: .raw("auth", session))
        // Password on the call itself works for listtokens.
        try await api.ok("listtokens", ["username": bob.email, "password": bob.password], auth: .none)
    }

    @Test func idIsEchoedAndTimestampsSwitch() async throws {
        let api = try await Harness.api()
        let r = try await api.ok("userinfo", ["id": "req-42", "timeformat": "timestamp"])
        #expect(r["id"] as? String == "req-42")
        #expect(r["registered"] is Int)
        let e = try await api.call("listfolder", ["id": "e1"], auth: .none)
        #expect(e.result == 1000 && e["id"] as? String == "e1")
    }

    @Test func datesAreRFC1123WithTwoDigitDays() async throws {
        let api = try await Harness.api()
        let r = try await api.ok("listfolder", ["folderid": "0"])
        let date = try #require(r.metadata["created"] as? String)
        #expect(date.range(of: #"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$"#, options: .regularExpression) != nil)
    }

    @Test func listingsWriteExactDatesAndEscapedNames() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("wire")
        let name = "q\"b\ttab\u{1}é 漢字 🙂.txt"
        try await api.upload([1, 2, 3], name: name, folder: top, extra: ["mtime": "1363890705"])
        try await api.upload([4], name: "zero.txt", folder: top, extra: ["mtime": "0"])
        let r = try await api.ok("listfolder", ["folderid": String(top)])
        // `/` leaves as `\/` and control characters as escapes, as pCloud writes them.
        #expect(r.text.contains(#""contenttype":"text\/plain""#) && r.text.contains(#"q\"b\ttab\u0001é"#))
        let files = try #require(r.metadata["contents"] as? [[String: Any]])
        let named = try #require(files.first { $0["name"] as? String == name })
        #expect(named["modified"] as? String == "Thu, 21 Mar 2013 18:31:45 +0000")
        #expect(named["size"] as? Int == 3 && (named["hash"] as? NSNumber)?.uint64Value != nil)
        let zero = try #require(files.first { $0["name"] as? String == "zero.txt" })
        #expect(zero["modified"] as? String == "Thu, 01 Jan 1970 00:00:00 +0000")
        let stamped = try await api.ok("listfolder", ["folderid": String(top), "timeformat": "timestamp"])
        let stampedFiles = try #require(stamped.metadata["contents"] as? [[String: Any]])
        #expect(stampedFiles.contains { $0["modified"] as? Int == 1_363_890_705 })
    }
}
