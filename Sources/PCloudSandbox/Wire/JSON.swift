import NIOCore

/// A JSON value with ordered keys, encoded the way pCloud encodes it: integers stay integers
/// (an unsigned 64-bit `hash` is a bare literal above Int64.max) and `/` is escaped as `\/`.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (a: JSON, b: JSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.uint(x), .uint(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x.elementsEqual(y) { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public func encoded() -> ByteBuffer {
        var out = ByteBuffer()
        out.reserveCapacity(256)
        write(into: &out)
        return out
    }

    public func write(into out: inout ByteBuffer) {
        switch self {
        case .null: out.writeStaticString("null")
        case .bool(let b): b ? out.writeStaticString("true") : out.writeStaticString("false")
        case .int(let i): out.writeString(String(i))
        case .uint(let u): out.writeString(String(u))
        case .string(let s): JSON.writeString(s, into: &out)
        case .array(let items):
            out.writeInteger(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.writeInteger(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.writeInteger(UInt8(ascii: "]"))
        case .object(let pairs):
            out.writeInteger(UInt8(ascii: "{"))
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out.writeInteger(UInt8(ascii: ",")) }
                JSON.writeString(key, into: &out)
                out.writeInteger(UInt8(ascii: ":"))
                value.write(into: &out)
            }
            out.writeInteger(UInt8(ascii: "}"))
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func writeString(_ s: String, into out: inout ByteBuffer) {
        out.writeInteger(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.writeStaticString("\\\"")
            case UInt8(ascii: "\\"): out.writeStaticString("\\\\")
            case UInt8(ascii: "/"): out.writeStaticString("\\/")
            case UInt8(ascii: "\n"): out.writeStaticString("\\n")
            case UInt8(ascii: "\r"): out.writeStaticString("\\r")
            case UInt8(ascii: "\t"): out.writeStaticString("\\t")
            case 0..<0x20:
                out.writeStaticString("\\u00")
                out.writeInteger(hex[Int(byte >> 4)])
                out.writeInteger(hex[Int(byte & 0xF)])
            default: out.writeInteger(byte)
            }
        }
        out.writeInteger(UInt8(ascii: "\""))
    }
}

/// Builds a JSON object in insertion order.
public struct JSONObject: Sendable {
    public private(set) var pairs: [(String, JSON)] = []
    public init() {}
    public init(_ pairs: [(String, JSON)]) { self.pairs = pairs }

    public subscript(key: String) -> JSON? {
        get { pairs.first { $0.0 == key }?.1 }
        set {
            if let i = pairs.firstIndex(where: { $0.0 == key }) {
                if let newValue { pairs[i].1 = newValue } else { pairs.remove(at: i) }
            } else if let newValue {
                pairs.append((key, newValue))
            }
        }
    }

    public var json: JSON { .object(pairs) }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSON {
    static func int(_ i: Int) -> JSON { .int(Int64(i)) }
}
