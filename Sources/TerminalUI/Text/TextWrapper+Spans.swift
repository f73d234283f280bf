extension TextWrapper {
    /// Wraps styled text as if it were one string, then cuts the spans along the lines: a style
    /// change is never a break by itself, and a break never depends on styles.
    ///
    /// - Important: A grapheme that straddles two spans (a letter in one, its accent in the
    ///   next) is measured as one but drawn as two; keep marks in their letter's span.
    public static func wrap(_ spans: [StyledSpan], width: Int, measure: TextWidth = .standard) -> [StyledLine] {
        let text = spans.map(\.text).joined()
        // Where each span lies, in UTF-8 offsets of the joined text.
        var bounds: [Range<Int>] = []
        var offset = 0
        for span in spans {
            bounds.append(offset..<offset + span.text.utf8.count)
            offset += span.text.utf8.count
        }
        return wrap(text, width: width, measure: measure).map { line in
            let lower = text.utf8.distance(from: text.startIndex, to: line.text.startIndex)  // O(1): native UTF-8
            let lineBounds = lower..<lower + line.text.utf8.count
            var pieces: [StyledSpan] = []
            for (span, bound) in zip(spans, bounds) where bound.overlaps(lineBounds) {
                let part = bound.clamped(to: lineBounds)
                let utf8 = span.text.utf8
                let from = utf8.index(utf8.startIndex, offsetBy: part.lowerBound - bound.lowerBound)
                let to = utf8.index(utf8.startIndex, offsetBy: part.upperBound - bound.lowerBound)
                pieces.append(StyledSpan(String(span.text[from..<to]), style: span.style))
            }
            return StyledLine(spans: pieces, columns: line.columns, isContinuation: line.isContinuation)
        }
    }
}
