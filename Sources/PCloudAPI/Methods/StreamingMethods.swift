import Foundation

/// Options of the link methods.
public struct LinkOptions: Sendable, Hashable {
    public var forcedownload = false
    public var contenttype: String?
    public var maxspeed: Int?
    public var skipfilename = false
    public init(forcedownload: Bool = false, contenttype: String? = nil, maxspeed: Int? = nil, skipfilename: Bool = false) {
        self.forcedownload = forcedownload; self.contenttype = contenttype; self.maxspeed = maxspeed
        self.skipfilename = skipfilename
    }

    var params: Params {
        var p = Params()
        p.flag("forcedownload", forcedownload)
        p["contenttype"] = contenttype
        p.set("maxspeed", maxspeed)
        p.flag("skipfilename", skipfilename)
        return p
    }
}

extension PCloudClient {
    /// A content link for one download attempt; ask again for every attempt (REAL-SERVICE §7).
    public func getFileLink(_ fileid: Int, revisionid: Int? = nil, options: LinkOptions = LinkOptions()) async throws -> FileLink {
        var p: Params = ["fileid": String(fileid)]
        p.set("revisionid", revisionid)
        p.merge(options.params)
        return try await call("getfilelink", p, idempotent: true)
    }

    public func getVideoLink(_ fileid: Int, resolution: String? = nil, vbitrate: Int? = nil, abitrate: Int? = nil,
                             options: LinkOptions = LinkOptions()) async throws -> FileLink {
        var p: Params = ["fileid": String(fileid)]
        p["resolution"] = resolution
        p.set("vbitrate", vbitrate)
        p.set("abitrate", abitrate)
        p.merge(options.params)
        return try await call("getvideolink", p, idempotent: true)
    }

    public func getVideoLinks(_ fileid: Int, options: LinkOptions = LinkOptions()) async throws -> [VideoVariant] {
        struct R: Decodable { var variants: [VideoVariant] }
        var p: Params = ["fileid": String(fileid)]
        p.merge(options.params)
        return try await call("getvideolinks", p, idempotent: true, as: R.self).variants
    }

    public func getAudioLink(_ fileid: Int, abitrate: Int? = nil, options: LinkOptions = LinkOptions()) async throws -> FileLink {
        var p: Params = ["fileid": String(fileid)]
        p.set("abitrate", abitrate)
        p.merge(options.params)
        return try await call("getaudiolink", p, idempotent: true)
    }

    public func getHLSLink(_ fileid: Int, resolution: String? = nil, options: LinkOptions = LinkOptions()) async throws -> FileLink {
        var p: Params = ["fileid": String(fileid)]
        p["resolution"] = resolution
        p.merge(options.params)
        return try await call("gethlslink", p, idempotent: true)
    }

    /// The text of a file, re-encoded by the server (default UTF-8); capped at `limit` bytes.
    public func getTextFile(_ fileid: Int, fromencoding: String? = nil, toencoding: String? = nil,
                            limit: Int = 16 << 20) async throws -> Data {
        var p: Params = ["fileid": String(fileid)]
        p["fromencoding"] = fromencoding
        p["toencoding"] = toencoding
        return try await fetchContent("gettextfile", p, limit: limit)
    }
}
