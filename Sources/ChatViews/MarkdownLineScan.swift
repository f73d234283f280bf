/// Reads a streaming reply's complete lines, each once, for what `StreamingReplyLines` needs to
/// know without reading the whole reply again every frame:
///
/// - whether a fenced code block is open, by the rule MarkdownRendering's streaming split uses
///   (a fence may be indented or quoted; it closes with the same character, at least as many,
///   and nothing but spaces after). The unfinished last line then belongs to the block;
/// - where a top-level block certainly starts: a line at column 0, after a blank line and
///   outside any fence, that is not a list item (one could continue a list above it). Blocks
///   are laid out one blank line apart, so the text before such a line renders on its own as
///   it does inside the whole reply.
///
/// Lines end at a `"\n"` that is a character of its own, as for the streaming split: in Swift
/// `"\r\n"` is one character, so it does not end a line here either.
struct MarkdownLineScan {
    private var fence: (character: Character, count: Int)?
    private var previousBlank = false

    var insideFence: Bool { fence != nil }

    /// Reads the next complete line (without its newline). True when the line certainly starts
    /// a new top-level block.
    mutating func read(_ line: Substring) -> Bool {
        let startsBlock = fence == nil && previousBlank && Self.startsUnindentedBlock(line)
        readFence(line)
        // Blank for markdown: spaces and tabs only (a no-break space is text).
        previousBlank = line.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 }
        return startsBlock
    }

    private mutating func readFence(_ line: Substring) {
        var body = line.drop(while: { $0 == " " || $0 == "\t" })
        while body.first == ">" { body = body.dropFirst().drop(while: { $0 == " " }) }
        guard let first = body.first, first == "`" || first == "~" else { return }
        let run = body.prefix(while: { $0 == first }).count
        guard run >= 3 else { return }
        let rest = body.dropFirst(run)
        if let open = fence {
            if first == open.character, run >= open.count, rest.allSatisfy(\.isWhitespace) { fence = nil }
        } else if first == "~" || !rest.contains("`") {
            fence = (first, run)
        }
    }

    /// Not indented, not blank, and not a list item (`-`, `+`, `*` or `1.`/`1)` and a space).
    private static func startsUnindentedBlock(_ line: Substring) -> Bool {
        let bytes = line.utf8
        guard let first = bytes.first, first != 0x20, first != 0x09 else { return false }
        func endsMarker(_ index: Substring.UTF8View.Index) -> Bool {
            index == bytes.endIndex || bytes[index] == 0x20 || bytes[index] == 0x09
        }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "*") {
            return !endsMarker(bytes.index(after: bytes.startIndex))
        }
        let digits = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }
        if (1...9).contains(digits.count), digits.endIndex < bytes.endIndex,
           bytes[digits.endIndex] == UInt8(ascii: ".") || bytes[digits.endIndex] == UInt8(ascii: ")") {
            return !endsMarker(bytes.index(after: digits.endIndex))
        }
        return true
    }
}
