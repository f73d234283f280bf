/// A JSON value with the line it starts on, so theme errors can point into the file.
///
/// A small reader of its own rather than Foundation's: `JSONDecoder` reports a syntax error as
/// "not valid JSON", without a line, and objects here keep their keys in file order (the
/// first mistake in the file is the one reported) and reject a key given twice.
indirect enum JSONValue: Equatable {
    case object([JSONMember])
    case array([JSONValue])
    case string(String)
    /// The number as written, so an index can refuse `1.5` or `1e2`.
    case number(String)
    case bool(Bool)
    case null

    /// What the value is, for "must be a string, not a number" messages.
    var kind: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "true or false"
        case .null: return "null"
        }
    }
}

struct JSONMember: Equatable {
    var key: String
    var line: Int
    var value: JSONValue
}

/// Reads JSON text into `JSONValue`s, reporting errors with line and column.
struct JSONReader {
    struct Failure: Error, Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var line = 1
    private var lineStart = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    static func parse(_ text: String) throws(Failure) -> JSONValue {
        var reader = JSONReader(text)
        if reader.scalars.first == "\u{FEFF}" { reader.position = 1 }  // a byte-order mark
        reader.skipWhitespace()
        let value = try reader.value()
        reader.skipWhitespace()
        guard reader.position == reader.scalars.count else { throw reader.failure("unexpected text after the end of the theme") }
        return value
    }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private func failure(_ message: String) -> Failure {
        Failure(line: line, column: position - lineStart + 1, message: message)
    }

    private mutating func advance() {
        if scalars[position] == "\n" {
            line += 1
            lineStart = position + 1
        }
        position += 1
    }

    private mutating func skipWhitespace() {
        while let scalar = current, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" { advance() }
    }

    private mutating func expect(_ scalar: Unicode.Scalar, _ what: String) throws(Failure) {
        guard current == scalar else { throw failure(current == nil ? "the file ends before \(what)" : "expected \(what)") }
        advance()
    }

    private mutating func value() throws(Failure) -> JSONValue {
        if let scalar = current, scalar == "-" || ("0"..."9").contains(scalar) { return try number() }
        switch current {
        case "{": return try object()
        case "[": return try array()
        case "\"": return .string(try string())
        case "t": return try literal("true", .bool(true))
        case "f": return try literal("false", .bool(false))
        case "n": return try literal("null", .null)
        case nil: throw failure("the file ends where a value should be")
        default: throw failure("expected a value (a string, number, object, true, false or null)")
        }
    }

    private mutating func object() throws(Failure) -> JSONValue {
        advance()
        var members: [JSONMember] = []
        skipWhitespace()
        if current == "}" {
            advance()
            return .object([])
        }
        while true {
            skipWhitespace()
            let keyLine = line
            guard current == "\"" else {
                if current == nil { throw failure("the file ends inside an object: a '}' is missing") }
                throw failure(current == "}" && !members.isEmpty ? "JSON allows no ',' before '}'" : "expected a key in double quotes")
            }
            let key = try string()
            if members.contains(where: { $0.key == key }) {
                throw Failure(line: keyLine, column: position - lineStart, message: "'\(key)' is given twice")
            }
            skipWhitespace()
            try expect(":", "':' after the key '\(key)'")
            skipWhitespace()
            members.append(JSONMember(key: key, line: keyLine, value: try value()))
            skipWhitespace()
            if current == "," {
                advance()
                continue
            }
            guard current != nil else { throw failure("the file ends inside an object: a '}' is missing") }
            try expect("}", "',' or '}' after the value of '\(key)'")
            return .object(members)
        }
    }

    private mutating func array() throws(Failure) -> JSONValue {
        advance()
        var values: [JSONValue] = []
        skipWhitespace()
        if current == "]" {
            advance()
            return .array([])
        }
        while true {
            skipWhitespace()
            values.append(try value())
            skipWhitespace()
            if current == "," {
                advance()
                continue
            }
            guard current != nil else { throw failure("the file ends inside a list: a ']' is missing") }
            try expect("]", "',' or ']' in the list")
            return .array(values)
        }
    }

    private mutating func string() throws(Failure) -> String {
        advance()
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = current else { throw failure("the file ends inside a string") }
            switch scalar {
            case "\"":
                advance()
                return String(result)
            case "\\":
                advance()
                result.append(try escape())
            case "\n":
                throw failure("a string must end on the line it starts")
            default:
                if scalar.value < 0x20 { throw failure("a control character inside a string must be escaped") }
                result.append(scalar)
                advance()
            }
        }
    }

    private mutating func escape() throws(Failure) -> Unicode.Scalar {
        guard let scalar = current else { throw failure("the file ends inside a string") }
        advance()
        switch scalar {
        case "\"", "\\", "/": return scalar
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "u":
            let high = try hexQuad()
            if (0xD800...0xDBFF).contains(high), current == "\\" {
                advance()
                try expect("u", "a low surrogate escape")
                let low = try hexQuad()
                if let combined = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low &- 0xDC00)), (0xDC00...0xDFFF).contains(low) {
                    return combined
                }
            }
            guard let result = Unicode.Scalar(high) else { throw failure("\\u escape \(String(high, radix: 16)) is not a character") }
            return result
        default:
            throw failure("unknown escape '\\\(scalar)'")
        }
    }

    private mutating func hexQuad() throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let scalar = current, let digit = UInt32(String(scalar), radix: 16) else { throw failure("expected four hex digits after \\u") }
            value = value * 16 + digit
            advance()
        }
        return value
    }

    private mutating func number() throws(Failure) -> JSONValue {
        let start = position
        while let scalar = current, scalar == "-" || scalar == "+" || scalar == "." || scalar == "e" || scalar == "E" || ("0"..."9").contains(scalar) {
            advance()
        }
        let text = String(String.UnicodeScalarView(scalars[start..<position]))
        guard Double(text) != nil else { throw failure("'\(text)' is not a number") }
        return .number(text)
    }

    private mutating func literal(_ word: String, _ value: JSONValue) throws(Failure) -> JSONValue {
        for expected in word.unicodeScalars {
            guard current == expected else { throw failure("expected \(word)") }
            advance()
        }
        return value
    }
}
