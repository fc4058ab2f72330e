import Foundation
import Testing

@Suite struct CollectionTests {
    @Test func collectionsListCreateLinkMoveAndDelete() async throws {
        let api = try await Harness.api(0)
        let top = try await api.folder("music")
        let ids = try await (0..<3).asyncMap { try await api.upload([UInt8($0)], name: "t\($0).mp3", folder: top)["fileid"] as! Int }
        let list = try await api.ok("collection_list")
        let system = try #require((list["collections"] as? [[String: Any]])?.first { $0["system"] as? Bool == true })
        try await api.fails(2065, "collection_delete", ["collectionid": String(system["id"] as! Int)])

        try await api.fails(1039, "collection_create")
        try await api.fails(1058, "collection_create", ["name": "x", "type": "9"])
        let made = try await api.ok("collection_create", ["name": "Road trip", "fileids": "\(ids[0]),\(ids[1])"])
        let c = try #require(made["collection"] as? [String: Any])
        let cid = String(c["id"] as! Int)
        #expect(c["type"] as? String == "audio" && (made["linkresult"] as? [[String: Any]])?.map { $0["result"] as? Int } == [0, 0])
        try await api.fails(2073, "collection_create", ["name": "Road trip"])
        let linked = try await api.ok("collection_linkfiles", ["collectionid": cid, "fileids": "\(ids[2]),\(ids[0]),999"])
        #expect((linked["linkresult"] as? [[String: Any]])?.map { $0["result"] as? Int } == [0, 2072, 2009])
        try await api.ok("collection_move", ["collectionid": cid, "item": "3", "position": "1"])
        func order() async throws -> [Int] {
            let d = try await api.ok("collection_details", ["collectionid": cid])
            return ((d["collection"] as? [String: Any])?["contents"] as? [[String: Any]])?.compactMap { $0["fileid"] as? Int } ?? []
        }
        #expect(try await order() == [ids[2], ids[0], ids[1]])
        try await api.fails(2066, "collection_move", ["collectionid": cid, "item": "9", "position": "1"])
        try await api.ok("collection_unlinkfiles", ["collectionid": cid, "fileids": String(ids[0])])
        #expect(try await order() == [ids[2], ids[1]])
        // A trashed file drops out of the listing.
        try await api.ok("deletefile", ["fileid": String(ids[1])])
        #expect(try await order() == [ids[2]])
        let renamed = try await api.ok("collection_rename", ["collectionid": cid, "name": "Home"])
        #expect((renamed["collection"] as? [String: Any])?["name"] as? String == "Home")
        try await api.ok("collection_delete", ["collectionid": cid])
        try await api.fails(2065, "collection_details", ["collectionid": cid])
        try await api.fails(1057, "collection_details")
        let bob = try await Harness.api(1)
        try await bob.fails(2065, "collection_details", ["collectionid": String(system["id"] as! Int)])
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for e in self { out.append(try await transform(e)) }
        return out
    }
}
