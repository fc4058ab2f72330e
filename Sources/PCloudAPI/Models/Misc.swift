import Foundation

/// `listrevisions` element (structures.md §8).
public struct Revision: Decodable, Sendable, Hashable {
    public var revisionid: Int
    public var size: Int64
    public var hash: UInt64?
    public var created: Int64
}

/// A collection (playlist), structures.md §10.
public struct Collection: Decodable, Sendable, Hashable {
    public var id: Int
    public var name: String
    public var type: String?
    public var system: Bool?
    public var ismine: Bool?
    public var items: Int?
    public var created: Int64?
    public var modified: Int64?
    public var contents: [Metadata]?

    enum CodingKeys: String, CodingKey { case id, name, type, system, ismine, items, created, modified, contents }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        // `type` is shown as a string ("audio") but requested as an integer; accept both.
        type = (try? c.decodeIfPresent(String.self, forKey: .type))
            ?? (try? c.decodeIfPresent(Int.self, forKey: .type)).flatMap { $0.map(String.init) }
        system = try c.decodeIfPresent(Bool.self, forKey: .system)
        ismine = try c.decodeIfPresent(Bool.self, forKey: .ismine)
        items = try c.decodeIfPresent(Int.self, forKey: .items)
        created = try c.decodeIfPresent(Int64.self, forKey: .created)
        modified = try c.decodeIfPresent(Int64.self, forKey: .modified)
        contents = try c.decodeIfPresent([Metadata].self, forKey: .contents)
    }
}

/// One `diff` event (structures.md §4). Unknown events are kept, with their name.
public struct DiffEvent: Decodable, Sendable, Hashable {
    public var event: String
    public var time: Int64
    public var diffid: Int
    public var metadata: Metadata?
    public var share: Share?
    public var userinfo: UserInfo?

    enum CodingKeys: String, CodingKey { case event, time, diffid, metadata, share, userinfo }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        event = try c.decode(String.self, forKey: .event)
        time = try c.decodeIfPresent(Int64.self, forKey: .time) ?? 0
        diffid = try c.decode(Int.self, forKey: .diffid)
        metadata = try c.decodeIfPresent(Metadata.self, forKey: .metadata)
        share = try c.decodeIfPresent(Share.self, forKey: .share)
        userinfo = try? c.decodeIfPresent(UserInfo.self, forKey: .userinfo)
    }
}

/// `diff`: events after the given id and the id to continue from.
public struct DiffResult: Decodable, Sendable, Hashable {
    public var diffid: Int
    public var entries: [DiffEvent]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        diffid = try c.decode(Int.self, forKey: .diffid)
        entries = try c.decodeIfPresent([DiffEvent].self, forKey: .entries) ?? []
    }
    enum CodingKeys: String, CodingKey { case diffid, entries }
}

/// `uploadprogress` for an `uploadfile` request that carried a `progresshash` (REAL-SERVICE §5).
public struct UploadProgressSnapshot: Decodable, Sendable, Hashable {
    public var total: Int64
    public var uploaded: Int64
    public var currentfile: String?
    public var currentfileuploaded: Int64?
    public var filenumber: Int?
    public var finished: Bool
    public var files: [Metadata]?
}

/// `savezipprogress`.
public struct ZipProgress: Decodable, Sendable, Hashable {
    public var files: Int
    public var totalfiles: Int
    public var bytes: Int64
    public var totalbytes: Int64
    public var isDone: Bool { files == totalfiles }
}

/// `extractarchive` / `extractarchiveprogress`.
public struct ExtractProgress: Decodable, Sendable, Hashable {
    public var finished: Bool
    public var progresshash: String?
    /// The host every further poll must reach.
    public var hostname: String?
    public var lines: Int?
    public var output: [String]?
}
