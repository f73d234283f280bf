extension TextWidth {
    /// The ellipsis truncation ends with: one column everywhere.
    public static let ellipsis: Character = "…"

    /// `text` cut to at most `width` columns, ending with `…` when something was cut. A wide
    /// grapheme that would straddle the edge goes too, so the result may be a column short.
    public func truncate<Text: StringProtocol>(_ text: Text, to width: Int) -> String {
        guard width > 0 else { return "" }
        guard columns(of: text) > width else { return String(text) }
        var result = ""
        var used = 0
        for character in text {
            let columns = self.columns(of: character, atColumn: used)
            if used + columns > width - 1 { break }
            result.append(character)
            used += columns
        }
        result.append(Self.ellipsis)
        return result
    }

    /// Styled text cut to at most `width` columns; the ellipsis takes the style of the span it
    /// cuts.
    public func truncate(_ spans: [StyledSpan], to width: Int) -> [StyledSpan] {
        guard width > 0 else { return [] }
        var total = 0
        for span in spans { total += columns(of: span.text, from: total) }
        guard total > width else { return spans }
        var result: [StyledSpan] = []
        var used = 0
        for span in spans {
            var kept = ""
            for character in span.text {
                let columns = self.columns(of: character, atColumn: used)
                if used + columns > width - 1 {
                    kept.append(Self.ellipsis)
                    result.append(StyledSpan(kept, style: span.style))
                    return result
                }
                kept.append(character)
                used += columns
            }
            result.append(StyledSpan(kept, style: span.style))
        }
        return result
    }
}
