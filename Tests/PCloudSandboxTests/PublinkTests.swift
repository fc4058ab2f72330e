import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import ZIPFoundation

@Suite struct PublinkTests {
    @Test func publinkLifecycleAndLimits() async throws {
        let api = try await Harness.api()
        let bob = try await Harness.api(1)
        let top = try await api.folder("publinks")
        let sub = try await api.ok("createfolder", ["folderid": String(top), "name": "sub"]).metadata["folderid"] as! Int
        let a = try await api.upload(Array("alpha!".utf8), name: "a.txt", folder: top)["fileid"] as! Int
        let b = try await api.upload(Array("beta".utf8), name: "b.txt", folder: sub)["fileid"] as! Int
        let outside = try await api.upload([9], name: "outside.bin", folder: try await api.folder("elsewhere"))["fileid"] as! Int

        let fileLink = try await api.ok("getfilepublink", ["fileid": String(a), "maxdownloads": "2", "shortlink": "1"])
        let code = try #require(fileLink["code"] as? String)
        #expect(code.count >= 30 && (fileLink["shortcode"] as? String)?.isEmpty == false)
        let shown = try await bob.ok("showpublink", ["code": code], auth: .none)
        #expect(shown.metadata["name"] as? String == "a.txt" && shown.metadata["isshared"] as? Bool == false)
        try await bob.ok("showpublink", ["code": fileLink["shortcode"] as! String], auth: .none)
        // Downloads count; the third is refused (maxdownloads=2).
        for _ in 0..<2 {
            let dl = try await bob.ok("getpublinkdownload", ["code": code], auth: .none)
            let (_, body) = try await bob.download(bob.base + (dl["path"] as! String))
            #expect(String(decoding: body, as: UTF8.self) == "alpha!")
        }
        try await bob.fails(7006, "getpublinkdownload", ["code": code], auth: .none)
        // copypubfile does not count, so it works on an exhausted link.
        let copied = try await bob.ok("copypubfile", ["code": code, "tofolderid": "0", "toname": "from-alice-\(UUID().uuidString.prefix(6)).txt"])
        #expect(copied.metadata["size"] as? Int == 6 && copied.metadata["ismine"] as? Bool == true)

        let folderLink = try await api.ok("getfolderpublink", ["folderid": String(top)])
        let fcode = folderLink["code"] as! String
        let tree = try await bob.ok("showpublink", ["code": fcode], auth: .none)
        let inner = try #require(tree.contents.first { $0["name"] as? String == "sub" }?["contents"] as? [[String: Any]])
        #expect(inner.map { $0["fileid"] as? Int } == [b])
        try await bob.fails(1029, "getpublinkdownload", ["code": fcode], auth: .none)
        try await bob.ok("getpublinkdownload", ["code": fcode, "fileid": String(b)], auth: .none)
        try await bob.fails(2009, "getpublinkdownload", ["code": fcode, "fileid": String(outside)], auth: .none)
        var zipRequest = HTTPClientRequest(url: bob.url("getpubzip", ["code": fcode]))
        zipRequest.method = .GET
        let zipResponse = try await HTTPClient.shared.execute(zipRequest, timeout: .seconds(10))
        let archive = try Archive(data: Data(buffer: try await zipResponse.body.collect(upTo: 1 << 20)), accessMode: .read)
        #expect(Set(archive.map(\.path)).isSuperset(of: ["\(tree.metadata["name"] as! String)/a.txt", "\(tree.metadata["name"] as! String)/sub/b.txt"]))

        let treeLink = try await api.ok("gettreepublink", ["name": "picked", "fileids": String(a), "folderids": String(sub)])
        let picked = try await bob.ok("showpublink", ["code": treeLink["code"] as! String], auth: .none)
        #expect(picked.metadata["name"] as? String == "picked" && picked.contents.count == 2)
        try await api.fails(1039, "gettreepublink", ["fileids": String(a)])

        // The owner lists, changes and deletes.
        let list = try await api.ok("listpublinks")
        let mine = try #require((list["publinks"] as? [[String: Any]])?.first { $0["code"] as? String == code })
        #expect(mine["downloads"] as? Int == 2 && mine["traffic"] as? Int == 12 && (mine["metadata"] as? [String: Any])?["fileid"] as? Int == a)
        let short = try await api.ok("listplshort")
        #expect((short["publinks"] as? [[String: Any]])?.contains { $0["code"] as? String == fcode && $0["isfolder"] as? Bool == true } == true)
        let linkid = String(folderLink["linkid"] as! Int)
        try await api.ok("changepublink", ["linkid": linkid, "expire": "2000-01-01T00:00:00Z"])
        try await bob.fails(7004, "showpublink", ["code": fcode], auth: .none)
        try await api.ok("changepublink", ["linkid": linkid, "deleteexpire": "1", "maxtraffic": "6"])
        try await bob.ok("showpublink", ["code": fcode], auth: .none)
        try await bob.ok("getpublinkdownload", ["code": fcode, "fileid": String(b)], auth: .none)
        try await bob.fails(7005, "getpublinkdownload", ["code": fcode, "fileid": String(b)], auth: .none)
        try await api.ok("deletepublink", ["linkid": linkid])
        try await bob.fails(7002, "showpublink", ["code": fcode], auth: .none)
        try await api.fails(2027, "deletepublink", ["linkid": linkid])
        try await bob.fails(2027, "changepublink", ["linkid": String(fileLink["linkid"] as! Int), "maxdownloads": "0"])
        try await bob.fails(7001, "showpublink", ["code": "nosuchcode"], auth: .none)
        try await bob.fails(1028, "showpublink", auth: .none)
    }

    @Test func publinkPageDownloadsInABrowser() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("page")
        let a = try await api.upload(Array("for the browser".utf8), name: "page <b>.txt", folder: top)["fileid"] as! Int
        let link = try await api.ok("getfilepublink", ["fileid": String(a)])
        let url = try #require(link["link"] as? String)
        #expect(url.contains("/publink/show?code="))
        let page = URL(string: url)!
        let (response, html) = try await OAuthFaultsAndLogTests().get("\(api.base)\(page.path)?\(page.query!)")
        #expect(response.status == .ok && html.contains("page &lt;b&gt;.txt"))
        let href = try #require(html.range(of: #"/publink/download\?[^"]+"#, options: .regularExpression).map { String(html[$0]) })
        let (redirect, _) = try await OAuthFaultsAndLogTests().get(api.base + href.replacingOccurrences(of: "&amp;", with: "&"))
        #expect(redirect.status == .found)
        let location = try #require(redirect.headers.first(name: "location"))
        let (_, body) = try await api.download(api.base + URL(string: location)!.path)
        #expect(String(decoding: body, as: UTF8.self) == "for the browser")
    }
}
