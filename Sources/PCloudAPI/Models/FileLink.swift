import Foundation

/// A short-lived content link (`getfilelink` and siblings, structures.md §5). Fetch a fresh one
/// for every attempt: links expire and are bound to the caller's address (REAL-SERVICE §7).
public struct FileLink: Decodable, Sendable, Hashable {
    public var hosts: [String]
    /// Already percent-encoded.
    public var path: String
    public var expires: Int64?
    public var dwltag: String?
    public var hash: UInt64?
    public var size: Int64?

    /// `scheme://host + path` for each host, best first; the scheme is the API base URL's.
    public func urls(scheme: String) -> [URL] {
        hosts.compactMap { URL(string: "\(scheme)://\($0)\(path)") }
    }

    enum CodingKeys: String, CodingKey { case hosts, path, expires, dwltag, hash, size }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        hosts = try c.decode([String].self, forKey: .hosts)
        path = try c.decode(String.self, forKey: .path)
        expires = try c.decodeIfPresent(Int64.self, forKey: .expires)
        dwltag = try c.decodeIfPresent(String.self, forKey: .dwltag)
        hash = try c.decodeIfPresent(UInt64.self, forKey: .hash)
        // Thumbnail links put the produced "WxH" in `size`.
        // A negative size is none: the download then goes by what arrives.
        size = (try? c.decodeIfPresent(Int64.self, forKey: .size)).flatMap { $0.flatMap { $0 >= 0 ? $0 : nil } }
    }
}

/// A thumbnail link: a file link plus the produced size `"WxH"`.
public struct ThumbLink: Decodable, Sendable, Hashable {
    public var hosts: [String]
    public var path: String
    public var expires: Int64?
    public var size: String?

    public func urls(scheme: String) -> [URL] {
        hosts.compactMap { URL(string: "\(scheme)://\($0)\(path)") }
    }
}

/// One element of `getthumbslinks`: each file has its own `result`.
public struct ThumbsLinkItem: Decodable, Sendable, Hashable {
    public var fileid: Int
    public var result: Int
    public var error: String?
    public var hosts: [String]?
    public var path: String?
    public var expires: Int64?
    public var size: String?
}

/// One transcoded variant from `getvideolinks`.
public struct VideoVariant: Decodable, Sendable, Hashable {
    public var hosts: [String]
    public var path: String
    public var expires: Int64?
    public var width: Int?
    public var height: Int?
    public var duration: String?
    public var fps: String?
    public var videobitrate: Int?
    public var audiobitrate: Int?
    public var videocodec: String?
    public var audiocodec: String?
    public var isoriginal: Bool?
}

/// `checksumfile`: `sha1` always, `md5` in the US, `sha256` in the EU.
public struct Checksums: Decodable, Sendable, Hashable {
    public var sha1: String
    public var md5: String?
    public var sha256: String?
}
