import Foundation

/// Strict JSON read straight from a file's bytes: the fast path beside `JSONDecoder` for the
/// store's own files.
///
/// Why: `JSONDecoder` first builds a map of the whole document, then walks it through
/// `Codable`'s generic containers; that was most of start-up (the index), of `load`, and 60% of
/// `search`. This reads each value where it stands, five to ten times faster.
///
/// It accepts strict JSON only (RFC 8259: UTF-8 without BOM, no trailing commas, no comments)
/// and throws `Unexpected` at anything else, including a known key given twice or escaped. The
/// callers then fall back to `JSONDecoder`, which decides and explains as it always did, so the
/// fast path can only ever agree with it.
struct JSONReader {
    /// Not the strict JSON this reader takes, or not the shape the caller expects.
    struct Unexpected: Error {}

    /// A key's bytes, without quotes; `escaped` when they are not its text (see `nextKey`).
    struct Key {
        let start: Int
        let count: Int
        let escaped: Bool
    }

    /// Where an object or array is: whether a member was read (the next needs a comma).
    struct Container {
        fileprivate var first = true
    }

    /// Nesting allowed in free-form values (bot parameters); `JSONDecoder` allows 512.
    static let depthLimit = 256

    let base: UnsafeRawPointer
    let count: Int
    var position = 0

    /// - Important: `bytes` must outlive the reader (use it inside `withUnsafeBytes`).
    init(_ bytes: UnsafeRawBufferPointer) {
        // An empty buffer may have no address; any address will do for zero bytes.
        base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        count = bytes.count
    }

    @inline(__always)
    func byte(at offset: Int) -> UInt8 {
        base.load(fromByteOffset: offset, as: UInt8.self)
    }

    /// The bytes from `start` up to `end`.
    func bytes(_ start: Int, _ end: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + start, count: end - start)
    }

    // MARK: Structure

    mutating func skipWhitespace() {
        while position < count {
            switch byte(at: position) {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// The next byte after whitespace, not consumed.
    mutating func peek() throws(Unexpected) -> UInt8 {
        skipWhitespace()
        guard position < count else { throw Unexpected() }
        return byte(at: position)
    }

    mutating func expect(_ expected: UInt8) throws(Unexpected) {
        guard try peek() == expected else { throw Unexpected() }
        position += 1
    }

    /// Only whitespace may follow the top-level value.
    mutating func expectEnd() throws(Unexpected) {
        skipWhitespace()
        guard position == count else { throw Unexpected() }
    }

    mutating func beginObject() throws(Unexpected) -> Container {
        try expect(UInt8(ascii: "{"))
        return Container()
    }

    /// The next member's key (its `:` consumed), or `nil` at the closing brace.
    /// - Parameter escapes: accept a key with escapes. Objects with known keys refuse them: an
    ///   escaped key could spell a known one, which is left to JSONDecoder.
    mutating func nextKey(_ container: inout Container, escapes: Bool = false) throws(Unexpected) -> Key? {
        if try peek() == UInt8(ascii: "}") {
            position += 1
            return nil
        }
        if !container.first { try expect(UInt8(ascii: ",")) }
        container.first = false
        let raw = try rawString()
        guard escapes || !raw.escaped else { throw Unexpected() }
        try expect(UInt8(ascii: ":"))
        return Key(start: raw.start, count: raw.end - raw.start, escaped: raw.escaped)
    }

    /// A key's text (keys of free-form objects, such as bot parameters).
    func text(of key: Key) throws(Unexpected) -> String {
        try text(of: RawString(start: key.start, end: key.start + key.count, escaped: key.escaped, ascii: false))
    }

    mutating func beginArray() throws(Unexpected) -> Container {
        try expect(UInt8(ascii: "["))
        return Container()
    }

    /// Whether another element follows (its comma consumed); `false` at the closing bracket.
    mutating func nextElement(_ container: inout Container) throws(Unexpected) -> Bool {
        if try peek() == UInt8(ascii: "]") {
            position += 1
            return false
        }
        if !container.first { try expect(UInt8(ascii: ",")) }
        container.first = false
        return true
    }

    /// Whether `key` is `name`, byte for byte.
    func key(_ key: Key, is name: StaticString) -> Bool {
        key.count == name.utf8CodeUnitCount && memcmp(base + key.start, name.utf8Start, key.count) == 0
    }

    // MARK: Scalars

    /// Consumes `null` if that is what comes next (`decodeIfPresent` reads it as absent).
    mutating func null() throws(Unexpected) -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    mutating func bool() throws(Unexpected) -> Bool {
        switch try peek() {
        case UInt8(ascii: "t"):
            try literal("true")
            return true
        case UInt8(ascii: "f"):
            try literal("false")
            return false
        default:
            throw Unexpected()
        }
    }

    private mutating func literal(_ word: StaticString) throws(Unexpected) {
        let length = word.utf8CodeUnitCount
        guard count - position >= length, memcmp(base + position, word.utf8Start, length) == 0 else {
            throw Unexpected()
        }
        position += length
    }

    // MARK: Skipping

    /// Steps over any value, checking it as strictly as reading it would.
    mutating func skipValue(depth: Int = 0) throws(Unexpected) {
        guard depth < Self.depthLimit else { throw Unexpected() }
        switch try peek() {
        case UInt8(ascii: "\""):
            _ = try rawString()
        case UInt8(ascii: "{"):
            var object = try beginObject()
            while try nextKey(&object) != nil { try skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            var array = try beginArray()
            while try nextElement(&array) { try skipValue(depth: depth + 1) }
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            _ = try bool()
        case UInt8(ascii: "n"):
            _ = try null()
        default:
            _ = try scanNumber()
        }
    }
}
