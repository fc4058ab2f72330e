import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import ZIPFoundation

@Suite struct ArchiveTests {
    @Test func savezipReportsProgressAndSavesARealZip() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("savezip")
        let src = try await api.ok("createfolder", ["folderid": String(top), "name": "src"]).metadata["folderid"] as! Int
        // 200 MiB in eight files, as the scenario asks.
        let part = 25 << 20
        for i in 0..<8 { try await api.upload([UInt8](repeating: UInt8(i), count: part), name: "part\(i).bin", folder: src) }
        let hash = "zip-\(UUID().uuidString)"
        let save = Task { try await api.call("savezip", ["folderids": String(src), "tofolderid": String(top), "toname": "all.zip", "progresshash": hash]) }
        var seen = Set<Int>()
        var last: Reply?
        for _ in 0..<2000 {
            let r = try await api.call("savezipprogress", ["progresshash": hash])
            if r.result == 0, let bytes = r["bytes"] as? Int {
                seen.insert(bytes)
                last = r
                if bytes == r["totalbytes"] as? Int { break }
            }
            try await Task.sleep(nanoseconds: 2_000_000)
        }
        let saved = try await save.value
        #expect(saved.result == 0, "\(saved.text)")
        #expect(saved.metadata["name"] as? String == "all.zip" && saved.metadata["category"] as? Int == 5)
        #expect(seen.count >= 5, "progress values: \(seen.sorted())")
        #expect(last?["totalfiles"] as? Int == 9 && last?["totalbytes"] as? Int == 8 * part)
        try await api.fails(1901, "savezipprogress", ["progresshash": "nope"])
        try await api.fails(1016, "savezip", ["folderids": String(src)])
        // The saved zip is a real archive.
        let link = try await api.ok("getfilelink", ["fileid": String(saved.metadata["fileid"] as! Int)])
        let (_, body) = try await api.download(api.base + (link["path"] as! String))
        let archive = try Archive(data: Data(body), accessMode: .read)
        #expect(archive.reduce(0) { n, _ in n + 1 } == 9)
        // getziplink: the same, as a content link.
        let zl = try await api.ok("getziplink", ["folderids": String(src)])
        let (_, zipped) = try await api.download(api.base + (zl["path"] as! String))
        #expect(zipped.count == body.count)
    }

    @Test func extractarchiveUnpacksAndRefusesTraversal() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("extract")
        func zip(_ entries: [(String, String)]) throws -> [UInt8] {
            let archive = try Archive(accessMode: .create)
            for (path, text) in entries {
                let data = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { pos, size in
                    data.subdata(in: Int(pos)..<Int(pos) + size)
                }
            }
            return Array(archive.data!)
        }
        let good = try await api.upload(try zip([("a.txt", "alpha"), ("dir/b.txt", "beta"), ("dir/sub/c.txt", "gamma")]), name: "good.zip", folder: top)["fileid"] as! Int
        let out = try await api.ok("extractarchive", ["fileid": String(good), "tofolderid": String(top)])
        #expect(out["finished"] as? Bool == true)
        #expect((out["output"] as? [String])?.contains { $0.contains("dir/b.txt") && $0.hasSuffix("OK.") } == true)
        let topName = try #require(try await api.ok("listfolder", ["folderid": String(top)]).metadata["name"] as? String)
        let c = try await api.ok("stat", ["path": "/\(topName)/dir/sub/c.txt"])
        #expect(c.metadata["size"] as? Int == 5)
        // Again: rename is the default policy, skip leaves things alone.
        try await api.ok("extractarchive", ["fileid": String(good), "tofolderid": String(top)])
        try await api.ok("stat", ["path": "/\(topName)/a (1).txt"])
        let skipped = try await api.ok("extractarchive", ["fileid": String(good), "tofolderid": String(top), "overwrite": "skip"])
        #expect((skipped["output"] as? [String])?.contains { $0.hasSuffix("skipped.") } == true)

        let evil = try await api.upload(try zip([("ok.txt", "fine"), ("../evil.txt", "escape")]), name: "evil.zip", folder: top)["fileid"] as! Int
        let inner = try await api.ok("createfolder", ["folderid": String(top), "name": "inner"]).metadata["folderid"] as! Int
        try await api.fails(3006, "extractarchive", ["fileid": String(evil), "tofolderid": String(inner)])
        #expect(try await api.ok("listfolder", ["folderid": String(inner)]).contents.isEmpty)
        try await api.fails(2055, "stat", ["path": "/\(topName)/evil.txt"])

        let notZip = try await api.upload(Array("plain".utf8), name: "plain.zip", folder: top)["fileid"] as! Int
        try await api.fails(2059, "extractarchive", ["fileid": String(notZip), "tofolderid": String(top)])
        try await api.fails(1037, "extractarchive", ["fileid": String(good)])
        try await api.fails(1052, "extractarchiveprogress")
        try await api.fails(1900, "extractarchiveprogress", ["progresshash": "none"])
    }

    @Test func textAndStreamingLinks() async throws {
        let api = try await Harness.api()
        let top = try await api.folder("text")
        let latin1: [UInt8] = Array("caf".utf8) + [0xE9]
        let id = try await api.upload(latin1, name: "menu.txt", folder: top)["fileid"] as! Int
        var request = HTTPClientRequest(url: api.url("gettextfile", ["fileid": String(id), "fromencoding": "iso-8859-1"]))
        request.headers.add(name: "Authorization", value: "Bearer \(api.token)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        #expect(String(buffer: try await response.body.collect(upTo: 1 << 16)) == "café")
        try await api.fails(2061, "gettextfile", ["fileid": String(id), "toencoding": "klingon"])
        try await api.fails(2044, "getvideolink", ["fileid": String(id)])
        let video = try await api.upload(Array(repeating: 1, count: 1000), name: "clip.mp4", folder: top)["fileid"] as! Int
        for method in ["getvideolink", "gethlslink", "getaudiolink"] {
            let link = try await api.ok(method, ["fileid": String(video)])
            let (r, body) = try await api.download(api.base + (link["path"] as! String))
            #expect(r.status == .ok && body.count == 1000)
        }
        let variants = try await api.ok("getvideolinks", ["fileid": String(video)])
        #expect((variants["variants"] as? [[String: Any]])?.first?["isoriginal"] as? Bool == true)
    }
}
