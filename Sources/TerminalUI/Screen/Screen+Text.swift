extension Screen {
    /// The whole screen as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// Draws styled spans on row `y` from column `x`, inside `clip` (the whole screen when nil).
    /// Returns the column after the last one drawn: `x` plus the text's width when it all fits,
    /// the clip's right edge when it was cut.
    ///
    /// Every grapheme goes through `measure`: controls become inert pictures, so no escape
    /// sequence in the text can reach the terminal, and emoji sequences become glyphs every
    /// terminal measures alike (see `TextWidth`). A wide glyph cut by either clip edge becomes
    /// blanks in its style, never half a glyph. Tabs advance to stops counted from `x`.
    @discardableResult
    public mutating func draw(_ spans: [StyledSpan], x: Int, y: Int, clip: Rect? = nil, measure: TextWidth = .standard) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard y >= area.y, y < area.maxY else { return x }
        var column = x
        for span in spans {
            // Printable ASCII is one glyph of one column per byte under every width rule: no
            // grapheme breaking or glyph building, which were most of a streaming frame's cost.
            if span.text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
                for byte in span.text.utf8 {
                    guard column < area.maxX else { return area.maxX }
                    if column >= area.x { putASCII(byte, x: column, y: y, style: span.style) }
                    column += 1
                }
                continue
            }
            for character in span.text {
                var stop = false
                measure.forEachGlyph(of: character, atColumn: column - x) { glyph in
                    guard !stop else { return }
                    stop = !place(glyph, x: column, y: y, style: span.style, area: area)
                    column += glyph.width
                }
                if stop { return area.maxX }
            }
        }
        return column
    }

    /// Draws `text` in one style; see `draw(_:x:y:clip:measure:)`.
    @discardableResult
    public mutating func draw<Text: StringProtocol>(_ text: Text, style: Style, x: Int, y: Int, clip: Rect? = nil, measure: TextWidth = .standard) -> Int {
        draw([StyledSpan(String(text), style: style)], x: x, y: y, clip: clip, measure: measure)
    }

    /// Puts one glyph at column `x`, or blanks for the part of it inside `area` when an edge
    /// cuts it. Returns false once the glyph reaches past the right edge: nothing after it shows.
    private mutating func place(_ glyph: Glyph, x: Int, y: Int, style: Style, area: Rect) -> Bool {
        let end = x + glyph.width
        if x >= area.x, end <= area.maxX {
            put(glyph.character, width: glyph.width, x: x, y: y, style: style)
            return true
        }
        let from = max(x, area.x), to = min(end, area.maxX)
        if from < to {
            for column in from..<to { put(" ", width: 1, x: column, y: y, style: style) }
        }
        return end <= area.maxX
    }
}
