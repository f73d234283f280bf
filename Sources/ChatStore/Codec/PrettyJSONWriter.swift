import Foundation

/// Writes JSON byte for byte as `StoreFormat.encoder()` does (`JSONEncoder` with
/// `.prettyPrinted`, `.sortedKeys`, `.withoutEscapingSlashes`), without `Encodable`'s boxing.
///
/// Why: every save of a conversation rewrites its whole file, and a streamed reply into a long
/// conversation saves 200 KB each second; `JSONEncoder` took about 4 ms for that, this about
/// 0.5 ms (and `EncodedConversation` spares most of even that). The layout it reproduces
/// (tested against `JSONEncoder` in `CodecTests`):
/// - `{`, newline, members at one more level of two-space indent, `"key" : value`, members
///   separated by `,` and newline, newline and the closing brace at the outer indent. An empty
///   object or array is `{`, two newlines, indent, `}`.
/// - Strings escape `"`, `\`, and control characters (`\b \f \n \r \t`, others `\u00xx`);
///   `/` and everything else is written as it is.
/// - Callers write members in sorted order (UTF-8 byte order of the keys).
struct PrettyJSONWriter {
    private(set) var bytes: [UInt8] = []
    private var depth = 0
    /// The current container has no member yet (so the next needs no comma).
    private var empty = true

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Goes on writing after `bytes`, which stop inside containers `depth` deep; `empty` when the
    /// innermost has no member yet. `bytes` is taken (left empty), so the writer holds the only
    /// reference and appends in place instead of copying them first.
    init(continuing bytes: inout [UInt8], depth: Int, empty: Bool) {
        swap(&self.bytes, &bytes)
        self.depth = depth
        self.empty = empty
    }

    // MARK: Containers

    mutating func openObject() { open(UInt8(ascii: "{")) }
    mutating func closeObject() { close(UInt8(ascii: "}")) }
    mutating func openArray() { open(UInt8(ascii: "[")) }
    mutating func closeArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        bytes.append(0x0A)
        depth += 1
        empty = true
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(0x0A)
        depth -= 1
        indent()
        bytes.append(bracket)
        empty = false
    }

    /// Starts an object member: `"name" : `, after a comma when it is not the first.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: [UInt8(ascii: "\""), 0x20, UInt8(ascii: ":"), 0x20])
    }

    /// Starts an object member whose key is not known in advance (bot parameters).
    mutating func key(_ name: String) {
        separate()
        string(name)
        bytes.append(contentsOf: [0x20, UInt8(ascii: ":"), 0x20])
    }

    /// Starts an array element.
    mutating func element() {
        separate()
    }

    private mutating func separate() {
        if !empty {
            bytes.append(UInt8(ascii: ","))
            bytes.append(0x0A)
        }
        indent()
        empty = false
    }

    private mutating func indent() {
        for _ in 0..<depth {
            bytes.append(0x20)
            bytes.append(0x20)
        }
    }

    // MARK: Values


    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            guard let base = utf8.baseAddress else {
                bytes.append(UInt8(ascii: "\""))
                return
            }
            var high: UInt64 = 0
            var start = 0
            while true {
                let special = ByteScan.stringEnd(base, from: start, to: utf8.count, high: &high)
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: special - start))
                guard special < utf8.count else { break }
                appendEscape(base[special])
                start = special + 1
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    private mutating func appendEscape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }

    mutating func int(_ value: some BinaryInteger) {
        // Digits of the magnitude from the right into a small buffer, without a String.
        var magnitude = UInt64(value.magnitude)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    /// As `JSONEncoder` writes a `Double`: its description without a trailing `.0`.
    /// - Throws: for infinity and NaN, which JSON cannot hold (as `JSONEncoder` does).
    mutating func double(_ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) is not valid in JSON"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
    }

    mutating func null() {
        bytes.append(contentsOf: Array("null".utf8))
    }

    /// A date as `StoreDate.format` writes it: `"2026-11-26T21:45:00.123Z"`.
    mutating func date(_ date: Date) {
        let (time, millisecond) = StoreDate.utcParts(date)
        guard (0...9999).contains(time.year) else {
            string(StoreDate.format(date))  // far outside what the digits below are for
            return
        }
        bytes.append(UInt8(ascii: "\""))
        digits(time.year, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(time.month, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(time.day, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(time.hour, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(time.minute, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(time.second, 2)
        bytes.append(UInt8(ascii: "."))
        digits(millisecond, 3)
        bytes.append(contentsOf: [UInt8(ascii: "Z"), UInt8(ascii: "\"")])
    }

    private mutating func digits(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    /// Any JSON value (bot parameters), object keys in UTF-8 byte order as `.sortedKeys` sorts them.
    mutating func json(_ value: StoredJSON) throws {
        switch value {
        case .null: null()
        case .bool(let value): bool(value)
        case .int(let value): int(value)
        case .double(let value): try double(value)
        case .string(let value): string(value)
        case .array(let elements):
            openArray()
            for element in elements {
                self.element()
                try json(element)
            }
            closeArray()
        case .object(let members):
            try object(members)
        }
    }

    mutating func object(_ members: [String: StoredJSON]) throws {
        openObject()
        for (name, value) in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            key(name)
            try json(value)
        }
        closeObject()
    }
}
