import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@Suite struct ThumbnailTests {
    /// Width and height from a PNG's IHDR.
    func pngSize(_ b: [UInt8]) -> (Int, Int)? {
        guard b.count > 24, b.starts(with: [0x89, 0x50, 0x4E, 0x47]) else { return nil }
        func be(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        return (be(16), be(20))
    }

    @Test func thumbnailsAreRealScaledImages() async throws {
        let api = try await Harness.api()
        let photo = try await api.ok("stat", ["path": "/Photos/Holiday 2025/IMG_0001.png"])   // 64x48, from the demo seed
        let id = String(try #require(photo.metadata["fileid"] as? Int))
        #expect(photo.metadata["thumb"] as? Bool == true)

        let link = try await api.ok("getthumblink", ["fileid": id, "size": "32x32", "type": "png"])
        #expect(link["size"] as? String == "32x24")
        let (_, body) = try await api.download(api.base + (link["path"] as! String))
        #expect(pngSize(body)! == (32, 24))
        let cropped = try await api.ok("getthumblink", ["fileid": id, "size": "32x32", "type": "png", "crop": "1"])
        let (_, croppedBody) = try await api.download(api.base + (cropped["path"] as! String))
        #expect(pngSize(croppedBody)! == (32, 32))

        var request = HTTPClientRequest(url: api.url("getthumb", ["fileid": id, "size": "40x40"]))
        request.headers.add(name: "Authorization", value: "Bearer \(api.token)")
        let jpeg = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        #expect(jpeg.headers.first(name: "content-type") == "image/jpeg")
        #expect(Array(try await jpeg.body.collect(upTo: 1 << 20).readableBytesView.prefix(2)) == [0xFF, 0xD8])

        let top = try await api.folder("thumbs")
        let saved = try await api.ok("savethumb", ["fileid": id, "size": "20x20", "type": "png", "tofolderid": String(top)])
        #expect(saved.metadata["name"] as? String == "IMG_0001.png" && saved["width"] as? Int == 20 && saved["height"] as? Int == 15)

        let text = try await api.upload(Array("not an image".utf8), name: "a.txt", folder: top)["fileid"] as! Int
        let fake = try await api.upload(Array("not an image".utf8), name: "fake.png", folder: top)["fileid"] as! Int
        try await api.fails(1014, "getthumblink", ["fileid": String(text), "size": "32x32"])
        try await api.fails(3001, "getthumblink", ["fileid": String(fake), "size": "32x32"])
        try await api.fails(1015, "getthumblink", ["fileid": id, "size": "33x33"])
        try await api.fails(1015, "getthumblink", ["fileid": id, "size": "16x2000"])
        let many = try await api.ok("getthumbslinks", ["fileids": "\(id),\(text)", "size": "32x32"])
        let thumbs = try #require(many["thumbs"] as? [[String: Any]])
        #expect(thumbs.map { $0["result"] as? Int } == [0, 1014])

        // Through a public link, without credentials.
        let pub = try await api.ok("getfilepublink", ["fileid": id])
        let viaLink = try await api.ok("getpubthumblink", ["code": pub["code"] as! String, "size": "16x16"], auth: .none)
        #expect(viaLink["size"] as? String == "16x12")
        let folderLink = try await api.ok("getfolderpublink", ["path": "/Photos/Holiday 2025"])
        let pubMany = try await api.ok("getpubthumbslinks", ["code": folderLink["code"] as! String, "fileids": "\(id),\(text)", "size": "16x16"], auth: .none)
        #expect((pubMany["thumbs"] as? [[String: Any]])?.map { $0["result"] as? Int } == [0, 2009])
    }
}
