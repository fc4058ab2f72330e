import Foundation

/// `WIDTHxHEIGHT`, each divisible by 4 or 5 (width 16–2048, height 16–1024).
public struct ThumbSize: Sendable, Hashable, CustomStringConvertible {
    public var width: Int, height: Int
    public init(_ width: Int, _ height: Int) { self.width = width; self.height = height }
    public var description: String { "\(width)x\(height)" }
}

extension PCloudClient {
    func thumbParams(_ size: ThumbSize, crop: Bool, png: Bool) -> Params {
        var p: Params = ["size": size.description]
        p.flag("crop", crop)
        if png { p["type"] = "png" }
        return p
    }

    public func getThumbLink(_ fileid: Int, size: ThumbSize, crop: Bool = false, png: Bool = false) async throws -> ThumbLink {
        var p = thumbParams(size, crop: crop, png: png)
        p["fileid"] = String(fileid)
        return try await call("getthumblink", p, idempotent: true)
    }

    /// One call for many files; each item has its own `result`.
    public func getThumbsLinks(_ fileids: [Int], size: ThumbSize, crop: Bool = false, png: Bool = false) async throws -> [ThumbsLinkItem] {
        struct R: Decodable { var thumbs: [ThumbsLinkItem] }
        var p = thumbParams(size, crop: crop, png: png)
        p["fileids"] = fileids.map(String.init).joined(separator: ",")
        return try await call("getthumbslinks", p, idempotent: true, as: R.self).thumbs
    }

    /// The image bytes themselves.
    public func getThumb(_ fileid: Int, size: ThumbSize, crop: Bool = false, png: Bool = false) async throws -> Data {
        var p = thumbParams(size, crop: crop, png: png)
        p["fileid"] = String(fileid)
        return try await fetchContent("getthumb", p, limit: 32 << 20)
    }

    public func saveThumb(_ fileid: Int, size: ThumbSize, to destination: Destination, crop: Bool = false,
                          png: Bool = false, noover: Bool = false) async throws -> Metadata {
        var p = thumbParams(size, crop: crop, png: png)
        p["fileid"] = String(fileid)
        p.merge(destination.params)
        p.flag("noover", noover)
        return try await metadataCall("savethumb", p, idempotent: false)
    }
}
