import Foundation

/// Case-insensitive substring matching, fast enough to run over every conversation file.
///
/// Three ways, chosen by the query:
/// - ASCII queries compare bytes, folding `A-Z` to `a-z` (most searches; no Unicode tables).
/// - Queries without letters that have case (CJK, digits, emoji...) compare bytes exactly.
/// - Anything else (`Straße`, `ÉCOLE`, `Привет`) uses Foundation's case-insensitive search.
/// The first two can also rule a whole file out from its raw JSON bytes, so most files that do
/// not match are never decoded.
struct TextMatcher: Sendable {
    private enum Mode: Sendable {
        case asciiFolded([UInt8])
        case exact([UInt8])
        case unicode(String)
    }

    private let mode: Mode
    /// Whether the query's bytes appear unchanged in JSON (no quote, backslash or control
    /// character, which the encoder escapes).
    private let survivesJSON: Bool
    /// The query has a character with no ASCII in any of its cases (`П`, `é`), so pure ASCII
    /// text cannot match: most text is skipped without Foundation's slower search.
    private let needsNonASCII: Bool

    /// `nil` for an empty query.
    init?(_ query: String) {
        guard !query.isEmpty else { return nil }
        let bytes = Array(query.utf8)
        if bytes.allSatisfy({ $0 < 0x80 }) {
            mode = .asciiFolded(bytes.map(Self.lowercased))
        } else if query.lowercased() == query && query.uppercased() == query {
            mode = .exact(bytes)
        } else {
            mode = .unicode(query)
        }
        survivesJSON = !bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        needsNonASCII = query.contains { character in
            let forms = [String(character).lowercased(), String(character).uppercased()]
            return !forms.contains { $0.unicodeScalars.contains(where: \.isASCII) }
        }
    }

    /// `false` only when the query cannot be in the file whose raw bytes are `data`.
    func mightMatch(fileData data: Data) -> Bool {
        guard survivesJSON else { return true }
        let needle: [UInt8]
        let folded: Bool
        switch mode {
        case .asciiFolded(let bytes): (needle, folded) = (bytes, true)
        case .exact(let bytes): (needle, folded) = (bytes, false)
        case .unicode:
            guard needsNonASCII else { return true }
            return data.withUnsafeBytes { buffer in
                !Self.isASCII(buffer) || Self.find(Array(#"\u"#.utf8), in: buffer, folded: false) != nil
            }
        }
        return data.withUnsafeBytes { buffer in
            // A `\u` escape could spell anything: such a file (hand-written, or holding control
            // characters) is decoded and searched properly.
            Self.find(needle, in: buffer, folded: folded) != nil
                || Self.find(Array(#"\u"#.utf8), in: buffer, folded: false) != nil
        }
    }

    /// The first match in `text`, on character boundaries.
    func firstMatch(in text: String) -> Range<String.Index>? {
        let needle: [UInt8]
        let folded: Bool
        switch mode {
        case .asciiFolded(let bytes): (needle, folded) = (bytes, true)
        case .exact(let bytes): (needle, folded) = (bytes, false)
        case .unicode(let query):
            if needsNonASCII && text.utf8.allSatisfy({ $0 < 0x80 }) { return nil }
            return text.range(of: query, options: .caseInsensitive)
        }
        var text = text
        let offset = text.withUTF8 { buffer in Self.find(needle, in: UnsafeRawBufferPointer(buffer), folded: folded) }
        guard let offset else { return nil }
        let lower = text.utf8.index(text.startIndex, offsetBy: offset)
        let upper = text.utf8.index(lower, offsetBy: needle.count)
        return Self.characterAligned(lower..<upper, in: text)
    }

    /// `range` widened to whole characters (a byte match may start at a combining mark).
    private static func characterAligned(_ range: Range<String.Index>, in text: String) -> Range<String.Index> {
        // Offsetting by zero rounds an index down to the character it falls in.
        let lower = text.index(range.lowerBound, offsetBy: 0)
        var upper = text.index(range.upperBound, offsetBy: 0)
        if upper < range.upperBound { upper = text.index(after: upper) }
        return lower..<upper
    }

    private static func isASCII(_ buffer: UnsafeRawBufferPointer) -> Bool {
        buffer.allSatisfy { $0 < 0x80 }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    /// The offset of `needle` in `haystack`; with `folded`, haystack bytes are ASCII-lowercased
    /// first (`needle` already is).
    ///
    /// Candidates for the first byte are found eight bytes at a time (a word has a byte equal
    /// to it exactly when `word ^ pattern` has a zero byte, and the lowest such byte is the
    /// first); only those are compared in full. Folding maps `A-Z` alone, so a first byte `a-z`
    /// also matches its capital (`byte | 0x20`), and any other first byte only itself.
    private static func find(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer, folded: Bool) -> Int? {
        let count = needle.count
        guard count > 0, haystack.count >= count, let base = haystack.baseAddress else { return nil }
        return needle.withUnsafeBufferPointer { needle in
            let first = needle[0]
            let foldFirst = folded && (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let mask: UInt64 = foldFirst ? ones &* 0x20 : 0
            let pattern = ones &* UInt64(first)
            let last = haystack.count - count
            var position = 0
            while position <= last {
                while last - position >= 7 {
                    let word = UInt64(littleEndian: (base + position).loadUnaligned(as: UInt64.self)) | mask
                    let difference = word ^ pattern
                    let found = (difference &- ones) & ~difference & (ones &* 0x80)
                    if found != 0 {
                        position += found.trailingZeroBitCount / 8
                        break
                    }
                    position += 8
                }
                guard position <= last else { return nil }
                let byte = haystack[position]
                if (foldFirst ? byte | 0x20 : byte) == first {
                    var matched = 1
                    while matched < count {
                        let next = folded ? lowercased(haystack[position + matched]) : haystack[position + matched]
                        if next != needle[matched] { break }
                        matched += 1
                    }
                    if matched == count { return position }
                }
                position += 1
            }
            return nil
        }
    }
}
