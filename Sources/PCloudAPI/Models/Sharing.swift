import Foundation

/// A share or share request (structures.md §3); which fields appear depends on the side.
public struct Share: Decodable, Sendable, Hashable {
    public var shareid: Int?
    public var sharerequestid: Int?
    public var folderid: Int?
    public var sharename: String?
    public var fromuserid: Int?
    public var frommail: String?
    public var touserid: Int?
    public var tomail: String?
    public var created: Int64?
    public var expires: Int64?
    public var canread: Bool?
    public var cancreate: Bool?
    public var canmodify: Bool?
    public var candelete: Bool?
    public var message: String?

    public var permissions: SharePermissions {
        var p: SharePermissions = []
        if cancreate == true { p.insert(.create) }
        if canmodify == true { p.insert(.modify) }
        if candelete == true { p.insert(.delete) }
        return p
    }
}

/// A pending share offer is the same object with a `sharerequestid`.
public typealias ShareRequest = Share

/// `listshares`.
public struct ShareList: Decodable, Sendable, Hashable {
    public struct Sides: Decodable, Sendable, Hashable {
        public var incoming: [Share]
        public var outgoing: [Share]
        init() { incoming = []; outgoing = [] }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            incoming = try c.decodeIfPresent([Share].self, forKey: .incoming) ?? []
            outgoing = try c.decodeIfPresent([Share].self, forKey: .outgoing) ?? []
        }
        enum CodingKeys: String, CodingKey { case incoming, outgoing }
    }
    public var shares: Sides
    public var requests: Sides

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        shares = try c.decodeIfPresent(Sides.self, forKey: .shares) ?? Sides()
        requests = try c.decodeIfPresent(Sides.self, forKey: .requests) ?? Sides()
    }
    enum CodingKeys: String, CodingKey { case shares, requests }
}

/// Share permission bits: read is always granted; create 1, modify 2, delete 4.
public struct SharePermissions: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let create = SharePermissions(rawValue: 1)
    public static let modify = SharePermissions(rawValue: 2)
    public static let delete = SharePermissions(rawValue: 4)
    public static let readOnly: SharePermissions = []
    public static let edit: SharePermissions = [.create, .modify, .delete]
}
