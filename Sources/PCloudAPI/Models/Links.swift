import Foundation

/// A public link as created (`getfilepublink` …) or listed (`listpublinks`, structures.md §6).
public struct Publink: Decodable, Sendable, Hashable {
    public var linkid: Int
    public var code: String
    public var link: String
    public var shortcode: String?
    public var shortlink: String?
    public var created: Int64?
    public var modified: Int64?
    public var expires: Int64?
    public var downloads: Int?
    public var traffic: Int64?
    public var maxdownloads: Int?
    public var maxtraffic: Int64?
    public var metadata: Metadata?
}

/// An upload link (structures.md §7).
public struct UploadLink: Decodable, Sendable, Hashable {
    public var uploadlinkid: Int
    public var link: String
    public var code: String
    public var mail: String?
    public var comment: String?
    public var files: Int?
    public var space: Int64?
    public var maxspace: Int64?
    public var maxfiles: Int?
    public var created: Int64?
    public var modified: Int64?
    public var expires: Int64?
    public var metadata: Metadata?
}

/// Options shared by the public-link creators and `changepublink`.
public struct PublinkOptions: Sendable, Hashable {
    /// Unix seconds.
    public var expire: Int64?
    public var maxdownloads: Int?
    public var maxtraffic: Int64?
    public var shortlink: Bool
    public init(expire: Int64? = nil, maxdownloads: Int? = nil, maxtraffic: Int64? = nil, shortlink: Bool = false) {
        self.expire = expire; self.maxdownloads = maxdownloads; self.maxtraffic = maxtraffic; self.shortlink = shortlink
    }

    var params: Params {
        var p = Params()
        p.set("expire", expire)
        p.set("maxdownloads", maxdownloads)
        p.set("maxtraffic", maxtraffic)
        p.flag("shortlink", shortlink)
        return p
    }
}
