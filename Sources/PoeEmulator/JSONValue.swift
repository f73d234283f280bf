import Foundation

/// A JSON document as the emulator reads and writes it.
///
/// Objects keep their keys in order because the Poe protocol is defined by what Python's
/// `json.dumps` prints, and Python dicts print in insertion order: `meta` must read
/// `content_type, refetch_settings, linkify, suggested_replies`, never sorted or hashed.
/// Integers and floats stay distinct so a bot parameter of `3` echoes back as `3`, not `3.0`.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// An ordered JSON object: the key order is the order of insertion (or of the parsed text).
struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    private(set) var pairs: [(key: String, value: JSONValue)] = []

    init() {}

    init(dictionaryLiteral elements: (String, JSONValue)...) {
        for (key, value) in elements { self[key] = value }
    }

    var isEmpty: Bool { pairs.isEmpty }
    var keys: [String] { pairs.map(\.key) }

    /// Like a Python dict: reading a missing key gives nil, writing an existing key keeps its place.
    subscript(key: String) -> JSONValue? {
        get { pairs.first { $0.key == key }?.value }
        set {
            if let index = pairs.firstIndex(where: { $0.key == key }) {
                if let newValue { pairs[index].value = newValue } else { pairs.remove(at: index) }
            } else if let newValue {
                pairs.append((key, newValue))
            }
        }
    }

    static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.pairs.count == rhs.pairs.count
            && zip(lhs.pairs, rhs.pairs).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByNilLiteral
{
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    init(nilLiteral: ()) { self = .null }
}

extension JSONValue {
    /// `.string` for a value, `.null` for nil: Python's `None` for optional fields.
    static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    var isNull: Bool { self == .null }

    /// The same value with every object's keys sorted, as `json.dumps(..., sort_keys=True)` prints.
    ///
    /// Python sorts keys by code point, which is what comparing unicode scalars gives.
    func sortingKeys() -> JSONValue {
        switch self {
        case .array(let items):
            return .array(items.map { $0.sortingKeys() })
        case .object(let object):
            var sorted = JSONObject()
            let ordered = object.pairs.sorted {
                $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars)
            }
            for pair in ordered { sorted[pair.key] = pair.value.sortingKeys() }
            return .object(sorted)
        default:
            return self
        }
    }
}

extension JSONValue: Decodable {
    /// Reads any JSON value through Foundation's `JSONDecoder`, keeping integers and floats apart.
    /// Object keys come back sorted: the decoder does not report their order, and nothing the
    /// emulator reads depends on it (what it prints is built in order, or sorted as Python would).
    init(from decoder: any Decoder) throws {
        if let container = try? decoder.singleValueContainer() {
            if container.decodeNil() { self = .null; return }
            if let value = try? container.decode(Bool.self) { self = .bool(value); return }
            if let value = try? container.decode(Int.self) { self = .int(value); return }
            if let value = try? container.decode(Double.self) { self = .double(value); return }
            if let value = try? container.decode(String.self) { self = .string(value); return }
            if let value = try? container.decode([JSONValue].self) { self = .array(value); return }
        }
        let container = try decoder.container(keyedBy: AnyKey.self)
        var object = JSONObject()
        for key in container.allKeys.sorted(by: { $0.stringValue.unicodeScalars.lexicographicallyPrecedes($1.stringValue.unicodeScalars) }) {
            object[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
        self = .object(object)
    }

    /// Parses one JSON document.
    static func parse(_ bytes: some Collection<UInt8>) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
