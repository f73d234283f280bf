/// Splits a reply that is still arriving into what can be parsed as markdown and what cannot
/// yet: the unfinished last line. Cut-off markdown parses unlike its finished self (`Hello\n-`
/// is a setext heading for a moment, a table is a paragraph until its `|---|` row, an unclosed
/// `**` shows literally), so the last line is shown as plain text until its newline arrives and
/// earlier lines do not jump around.
struct StreamingSplit {
    /// Complete lines, each with its newline.
    let settled: Substring
    /// The line after the last newline; empty when the text ends with one.
    let pending: Substring
    /// The settled part ends with a blank line, so the pending line starts a new block.
    let pendingStartsBlock: Bool

    init(_ text: String) {
        guard let newline = text.lastIndex(of: "\n") else {
            settled = ""
            pending = Substring(text)
            pendingStartsBlock = true
            return
        }
        let end = text.index(after: newline)
        var head = text[..<end]
        var tail = text[end...]
        // Inside an unclosed fence the last line is code already: keep it in the block.
        if Self.endsInsideFence(head) {
            head = Substring(text)
            tail = ""
        }
        settled = head
        pending = tail
        let lines = head.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        pendingStartsBlock = lines.last.map { $0.allSatisfy(\.isWhitespace) } ?? true
    }

    /// Whether a fence (``` or ~~~) opened and has not closed by the end of `text`. A closing
    /// fence uses the opening's character, at least as many, and nothing after but spaces.
    /// Leading spaces are allowed at any depth, since fences inside list items are indented.
    static func endsInsideFence(_ text: Substring) -> Bool {
        var open: (character: Character, count: Int)?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var body = line.drop(while: { $0 == " " || $0 == "\t" })
            // Fences in quotes: `> ```` opens one as well.
            while body.first == ">" { body = body.dropFirst().drop(while: { $0 == " " }) }
            guard let first = body.first, first == "`" || first == "~" else { continue }
            let run = body.prefix(while: { $0 == first }).count
            guard run >= 3 else { continue }
            let rest = body.dropFirst(run)
            if let fence = open {
                if first == fence.character, run >= fence.count, rest.allSatisfy(\.isWhitespace) { open = nil }
            } else if first == "~" || !rest.contains("`") {
                open = (first, run)
            }
        }
        return open != nil
    }
}
