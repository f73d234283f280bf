import Foundation

/// A one-line excerpt of about `width` characters around a match.
enum Snippet {
    static func around(
        _ match: Range<String.Index>, in text: String, width: Int = 80
    ) -> (String, Range<String.Index>) {
        if let ascii = asciiAround(match, in: text, width: width) { return ascii }
        let matchLength = text.distance(from: match.lowerBound, to: match.upperBound)
        let lead = max(0, min(30, (width - matchLength) / 2))
        let start = text.index(match.lowerBound, offsetBy: -lead, limitedBy: text.startIndex) ?? text.startIndex
        let used = text.distance(from: start, to: match.lowerBound) + matchLength
        let end = text.index(match.upperBound, offsetBy: max(0, width - used), limitedBy: text.endIndex) ?? text.endIndex

        let before = (start > text.startIndex ? "…" : "") + oneLine(text[start..<match.lowerBound])
        let matched = oneLine(text[match])
        let after = oneLine(text[match.upperBound..<end]) + (end < text.endIndex ? "…" : "")
        let snippet = before + matched + after
        let lower = snippet.index(snippet.startIndex, offsetBy: before.count)
        let upper = snippet.index(lower, offsetBy: matched.count)
        return (snippet, lower..<upper)
    }

    /// Line breaks and tabs as spaces, so a snippet is one line.
    private static func oneLine(_ text: Substring) -> String {
        // Most text has neither: then it is copied as it is, not rebuilt character by character.
        // Line breaks are U+000A-U+000D, U+0085 (C2 85) and U+2028-U+2029 (E2 80 A8-A9), so text
        // without those lead bytes and without 09-0D has none.
        if !text.utf8.contains(where: { (0x09...0x0D).contains($0) || $0 == 0xC2 || $0 == 0xE2 }) { return String(text) }
        return String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    /// The same snippet, counted in bytes, when every byte it touches (and one on each side) is
    /// ASCII other than CR. Each such byte is then a character of its own (grapheme breaks fall
    /// between any two ASCII characters except CR LF), so character counts are byte counts.
    /// Why: walking characters took a fifth of a search with thousands of hits; `nil` otherwise.
    private static func asciiAround(
        _ match: Range<String.Index>, in text: String, width: Int
    ) -> (String, Range<String.Index>)? {
        let lower = text.utf8.distance(from: text.startIndex, to: match.lowerBound)
        let upper = text.utf8.distance(from: text.startIndex, to: match.upperBound)
        var text = text
        return text.withUTF8 { utf8 -> (String, Range<String.Index>)? in
            let matchLength = upper - lower
            let lead = max(0, min(30, (width - matchLength) / 2))
            let start = max(0, lower - lead)
            let end = min(utf8.count, upper + max(0, width - (lower - start) - matchLength))
            for index in max(0, start - 1)..<min(utf8.count, end + 1) where utf8[index] >= 0x80 || utf8[index] == 0x0D {
                return nil
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(end - start + 6)
            let ellipsis: [UInt8] = [0xE2, 0x80, 0xA6]  // "…"
            if start > 0 { bytes.append(contentsOf: ellipsis) }
            let matchStart = bytes.count + lower - start
            for index in start..<end {
                // Tab, LF, VT and FF are the ASCII line breaks and tabs `oneLine` turns into spaces.
                bytes.append((0x09...0x0C).contains(utf8[index]) ? 0x20 : utf8[index])
            }
            if end < utf8.count { bytes.append(contentsOf: ellipsis) }
            let snippet = String(decoding: bytes, as: UTF8.self)
            let matchLower = snippet.utf8.index(snippet.startIndex, offsetBy: matchStart)
            return (snippet, matchLower..<snippet.utf8.index(matchLower, offsetBy: matchLength))
        }
    }
}
