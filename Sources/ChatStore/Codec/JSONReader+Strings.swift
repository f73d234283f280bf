import Foundation

/// Strings: the bulk of every conversation file, so the common case (no escapes, ASCII or
/// valid UTF-8) is one scan and one copy.
extension JSONReader {
    /// Where a string's contents are, unread: `escaped` when it holds a backslash (its bytes are
    /// not its text), `ascii` when every byte is below 0x80 (no UTF-8 check needed).
    struct RawString {
        let start: Int
        let end: Int
        let escaped: Bool
        let ascii: Bool
    }

    /// Steps over a string, checking its escapes (and its UTF-8 unless `validate` is false: the
    /// caller then makes its text with `text(of:)`, which checks), and says where its bytes are.
    mutating func rawString(validate: Bool = true) throws(Unexpected) -> RawString {
        try expect(UInt8(ascii: "\""))
        let start = position
        var high: UInt64 = 0
        var escaped = false
        while true {
            position = ByteScan.stringEnd(base, from: position, to: count, high: &high)
            guard position < count else { throw Unexpected() }
            let next = byte(at: position)
            if next == UInt8(ascii: "\"") { break }
            guard next == UInt8(ascii: "\\") else { throw Unexpected() }  // a raw control character
            escaped = true
            position += 1
            guard position < count else { throw Unexpected() }
            switch byte(at: position) {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                break
            case UInt8(ascii: "u"):
                guard count - position > 4 else { throw Unexpected() }
                for offset in 1...4 where Self.hexValue(byte(at: position + offset)) == nil { throw Unexpected() }
                position += 4
            default:
                throw Unexpected()
            }
            position += 1
        }
        // `high` may include a few bytes after the string: it can only call ASCII text non-ASCII.
        let raw = RawString(start: start, end: position, escaped: escaped, ascii: high & 0x8080_8080_8080_8080 == 0)
        position += 1
        // Non-ASCII must be valid UTF-8 even where the caller only skips it, as JSONDecoder
        // would refuse the file otherwise. (Escapes are ASCII, so they do not change the answer.)
        if validate && !raw.ascii && !Self.isValidUTF8(bytes(raw.start, raw.end)) { throw Unexpected() }
        return raw
    }

    mutating func string() throws(Unexpected) -> String {
        try text(of: rawString(validate: false))
    }

    /// The text of a string read by `rawString`; invalid UTF-8 throws.
    func text(of raw: RawString) throws(Unexpected) -> String {
        if raw.escaped { return try unescaped(raw) }
        let utf8 = bytes(raw.start, raw.end).assumingMemoryBound(to: UInt8.self)
        if raw.ascii { return String(decoding: utf8, as: UTF8.self) }
        guard let text = String(validating: utf8, as: UTF8.self) else { throw Unexpected() }
        return text
    }

    private func unescaped(_ raw: RawString) throws(Unexpected) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(raw.end - raw.start)
        var position = raw.start
        while position < raw.end {
            let next = byte(at: position)
            position += 1
            guard next == UInt8(ascii: "\\") else {
                result.append(next)
                continue
            }
            let kind = byte(at: position)
            position += 1
            switch kind {
            case UInt8(ascii: "b"): result.append(0x08)
            case UInt8(ascii: "f"): result.append(0x0C)
            case UInt8(ascii: "n"): result.append(0x0A)
            case UInt8(ascii: "r"): result.append(0x0D)
            case UInt8(ascii: "t"): result.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(at: position)
                position += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate must be followed by an escaped low one.
                    guard raw.end - position >= 6, byte(at: position) == UInt8(ascii: "\\"),
                        byte(at: position + 1) == UInt8(ascii: "u")
                    else { throw Unexpected() }
                    let low = hex4(at: position + 2)
                    guard (0xDC00..<0xE000).contains(low) else { throw Unexpected() }
                    position += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(scalar) {
                    throw Unexpected()
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw Unexpected() }
                result.append(contentsOf: UTF8.encode(unicode)!)
            default: result.append(kind)  // `"`, `\` and `/` stand for themselves
            }
        }
        guard let text = String(validating: result, as: UTF8.self) else { throw Unexpected() }
        return text
    }

    private func hex4(at offset: Int) -> UInt32 {
        var value: UInt32 = 0
        for index in 0..<4 { value = value << 4 | UInt32(Self.hexValue(byte(at: offset + index))!) }
        return value
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Whether `bytes` are well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
    static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            // Mostly ASCII: eight bytes at a time until a byte with its top bit set.
            while count - index >= 8,
                UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
            }
            guard index < count else { break }
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return false
            }
            guard count - index >= length, (lower...upper).contains(bytes[index + 1]) else { return false }
            for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }
}
