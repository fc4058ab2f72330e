import Foundation
@testable import PCloudAPI
import Testing

@Suite struct UnitTests {
    @Test func passwordDigestMatchesTheReferenceVector() {
        let d = PasswordDigest.passworddigest(username: "User@Example.com", password: "secret",
                                              digest: "YGtAxbUpI85Zvs7lC7Z62rBwv907TBXhV2L867Hkh")
        #expect(d == "1c521e12ade54519022869fb94e57c062c4c2c60")
    }

    @Test func paramsEncodeUnreservedOnly() {
        var p: Params = ["name": "a b/c&d=é", "folderid": "0"]
        p.flag("nofiles", true)
        p.flag("recursive", false)
        #expect(p.encoded == "name=a%20b%2Fc%26d%3D%C3%A9&folderid=0&nofiles=1")
    }

    @Test func categoriesFollowTheErrorTable() {
        #expect(PCloudError.Category(code: 1000) == .auth)
        #expect(PCloudError.Category(code: 2000) == .auth)
        #expect(PCloudError.Category(code: 2005) == .notFound)
        #expect(PCloudError.Category(code: 2009) == .notFound)
        #expect(PCloudError.Category(code: 2004) == .exists)
        #expect(PCloudError.Category(code: 2003) == .permission)
        #expect(PCloudError.Category(code: 2008) == .quota)
        #expect(PCloudError.Category(code: 4000) == .rateLimited)
        #expect(PCloudError.Category(code: 5000) == .transient)
        #expect(PCloudError.Category(code: 1900) == .transient)
        #expect(PCloudError.Category(code: 1002) == .badRequest)
        #expect(PCloudError.Category(code: 9999) == .internal)
    }

    @Test func retriesOnlyTransientIdempotentCalls() {
        let policy = RetryPolicy.default
        let transient = PCloudError.api(5000, "Internal error. Try again later.", method: "listfolder")
        #expect(policy.shouldRetry(transient, attempt: 1, idempotent: true))
        #expect(!policy.shouldRetry(transient, attempt: 1, idempotent: false))
        #expect(!policy.shouldRetry(transient, attempt: policy.maxAttempts, idempotent: true))
        #expect(policy.shouldRetry(.api(4010, "", method: nil), attempt: 1, idempotent: true))
        // 4000 is retried for idempotent calls (with a longer pause); sign-ins are not idempotent.
        let limited = PCloudError.api(4000, "", method: nil)
        #expect(policy.shouldRetry(limited, attempt: 1, idempotent: true))
        #expect(!policy.shouldRetry(limited, attempt: 1, idempotent: false))
        #expect(!policy.shouldRetry(.api(2009, "", method: nil), attempt: 1, idempotent: true))
        for attempt in 1...6 {
            let d = policy.delay(afterAttempt: attempt, for: transient)
            #expect(d >= .zero && d <= policy.maxDelay)
            let r = policy.delay(afterAttempt: attempt, for: limited)
            #expect(r >= policy.rateLimitedDelay && r <= policy.rateLimitedDelay + policy.maxDelay)
        }
    }

    @Test func oauthAuthorizeURLAndRedirect() throws {
        let state = OAuth2.makeState()
        let url = OAuth2.authorizeURL(clientID: "cid", redirectURI: "http://localhost:53682/", state: state)
        #expect(url.absoluteString.hasPrefix("https://my.pcloud.com/oauth2/authorize?client_id=cid&response_type=code"))
        #expect(url.absoluteString.contains("state=\(state)"))
        let redirect = URL(string: "http://localhost:53682/?code=XYZ&state=\(state)&locationid=2&hostname=eapi.pcloud.com")!
        let r = try OAuth2.parseRedirect(redirect, expectedState: state)
        #expect(r.code == "XYZ" && r.locationid == 2 && r.endpoint == .eu)
        #expect(throws: OAuth2.RedirectError.stateMismatch) {
            try OAuth2.parseRedirect(URL(string: "http://x/?code=A&state=other")!, expectedState: state)
        }
        #expect(throws: OAuth2.RedirectError.stateMismatch) {
            try OAuth2.parseRedirect(URL(string: "http://x/?code=A")!, expectedState: state)
        }
        #expect(try OAuth2.parseRedirect(URL(string: "http://x/?code=A")!, expectedState: state, allowMissingState: true).code == "A")
        #expect(throws: OAuth2.RedirectError.denied("access_denied")) {
            try OAuth2.parseRedirect(URL(string: "http://x/?error=access_denied&state=\(state)")!, expectedState: state)
        }
    }

    @Test func scannerAgreesWithJSONDecoder() throws {
        let json = #"""
        {"result":0,"metadata":{"path":"\/","name":"\/","created":1,"ismine":true,"thumb":false,"id":"d0","isshared":false,
         "icon":"folder","isfolder":true,"folderid":0,"extra":{"a":[1,2.5e3,null,"x"]},"contents":[
          {"name":"caf\u00e9 \"q\" \ud83d\ude00.jpg","id":"f12","fileid":12,"isfolder":false,"ismine":true,"isshared":false,
           "thumb":true,"icon":"image","created":1700000000,"modified":1700000001,"parentfolderid":0,"size":73269,
           "hash":17869736033964340520,"category":1,"contenttype":"image\/jpeg","width":900,"height":600,"comments":0,
           "duration":"245.33"},
          {"name":"sub","id":"d7","folderid":7,"isfolder":true,"ismine":false,"isshared":true,"thumb":false,"icon":"folder",
           "created":5,"modified":6,"parentfolderid":0,"canread":true,"canmodify":false,"candelete":false,"cancreate":true,
           "userid":3,"encrypted":true,"contents":[]}
        ]}}
        """#
        let data = Data(json.utf8)
        let fast = try MetadataScanner.reply(data)
        struct R: Decodable { var metadata: Metadata }
        let slow = try JSONDecoder().decode(R.self, from: data).metadata
        #expect(fast.result == 0)
        #expect(fast.metadata == slow)
        #expect(slow.contents?[0].hash == 17869736033964340520)
        #expect(slow.contents?[0].name == "café \"q\" 😀.jpg")
        #expect(slow.contents?[1].isCryptoLocked == true)
        #expect(PCloudClient.quickResult(Data(#"{"result": 2005, "error": "x"}"#.utf8)) == 2005)
    }
}
