/// Writes JSON byte for byte as Python's `json.dumps` does with its defaults.
///
/// fastapi_poe builds every event with `json.dumps`, so a client that is tested against the
/// emulator sees the real wire format: `", "` and `": "` separators, and `ensure_ascii=True`,
/// which escapes everything outside printable ASCII as lowercase `\uXXXX` (UTF-16 surrogate
/// pairs above U+FFFF). A client that only works with compact JSON or raw UTF-8 fails here first.
enum PythonJSON {
    /// The JSON text of `value` (pure ASCII, so also its bytes).
    static func string(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        append(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The JSON bytes of `value`.
    static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        append(value, to: &out)
        return out
    }

    /// Appends the JSON of `value` to `out`; the streaming paths build events in place with this.
    static func append(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): out.append(contentsOf: String(number).utf8)
        case .double(let number): out.append(contentsOf: pythonRepr(number).utf8)
        case .string(let text): appendString(text, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { out.append(contentsOf: ", ".utf8) }
                append(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (position, pair) in object.pairs.enumerated() {
                if position > 0 { out.append(contentsOf: ", ".utf8) }
                appendString(pair.key, to: &out)
                out.append(contentsOf: ": ".utf8)
                append(pair.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends a quoted string escaped like `json.dumps(ensure_ascii=True)`: printable ASCII
    /// (space through `~`) is literal except `"` and `\`; `\n \r \t \b \f` use short escapes;
    /// everything else, DEL included, is `\u` plus four lowercase hex digits per UTF-16 unit.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for unit in text.utf16 {
            switch unit {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x20...0x7E: out.append(UInt8(unit))
            default:
                out.append(contentsOf: [0x5C, UInt8(ascii: "u")])
                out.append(hexDigits[Int(unit >> 12) & 0xF])
                out.append(hexDigits[Int(unit >> 8) & 0xF])
                out.append(hexDigits[Int(unit >> 4) & 0xF])
                out.append(hexDigits[Int(unit) & 0xF])
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Python's `repr(float)`: shortest round-trip digits, `.0` on whole numbers, exponent form
    /// below 1e-4 and from 1e16 with a signed two-digit exponent; `NaN`/`Infinity` as json.dumps.
    /// Swift's `description` already uses the same shortest-digits algorithm and thresholds.
    static func pythonRepr(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        return number.description
    }
}
