import Foundation

/// Request parameters in order, encoded for an urlencoded body or a query string.
public struct Params: Sendable, ExpressibleByDictionaryLiteral {
    public private(set) var items: [(String, String)] = []

    public init() {}
    public init(dictionaryLiteral elements: (String, String)...) { items = elements }

    public subscript(name: String) -> String? {
        get { items.last { $0.0 == name }?.1 }
        set {
            items.removeAll { $0.0 == name }
            if let newValue { items.append((name, newValue)) }
        }
    }

    public mutating func set(_ name: String, _ value: (some CustomStringConvertible)?) {
        self[name] = value.map { $0.description }
    }

    /// Booleans are sent as `1` or left out (README §3).
    public mutating func flag(_ name: String, _ on: Bool) {
        self[name] = on ? "1" : nil
    }

    public mutating func merge(_ other: Params) {
        for (k, v) in other.items { self[k] = v }
    }

    /// `a=1&b=x%20y` with everything but unreserved characters escaped.
    public var encoded: String {
        items.map { "\(Params.escape($0.0))=\(Params.escape($0.1))" }.joined(separator: "&")
    }

    static let unreserved = CharacterSet(charactersIn:
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    static func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? s
    }
}

/// Which parameters identify an object: pCloud accepts an id (preferred) or a path.
public enum Target: Sendable, Hashable {
    case id(Int)
    case path(String)

    func params(idKey: String) -> Params {
        switch self {
        case .id(let id): [idKey: String(id)]
        case .path(let path): ["path": path]
        }
    }
}
