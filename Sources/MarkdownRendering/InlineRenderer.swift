import TerminalUI

/// Turns inline markup into styled spans, ready for `TextWrapper`.
///
/// Soft breaks become spaces (the paragraph is re-wrapped to the terminal's width); hard breaks
/// become `"\n"`, which the wrapper ends a line at. Text goes into spans as it came: controls
/// are made inert when `Screen.draw` paints them, and nothing here builds escape sequences.
struct InlineRenderer {
    let theme: Theme

    func spans(_ inlines: [MarkdownInline], base: Style) -> [StyledSpan] {
        var result: [StyledSpan] = []
        append(inlines, style: base, to: &result)
        return result
    }

    private func append(_ inlines: [MarkdownInline], style: Style, to result: inout [StyledSpan]) {
        for inline in inlines {
            switch inline {
            case .text(let text), .html(let text):
                result.append(StyledSpan(text, style: style))
            case .code(let text):
                result.append(StyledSpan(text, style: style.layered(with: theme.style(for: .markdownCode))))
            case .softBreak, .lineBreak:
                // A chat reply's single newlines are meant as line breaks (a list of files, a
                // poem, an address), as chat interfaces show them; CommonMark would join them.
                result.append(StyledSpan("\n", style: style))
            case .emphasis(let children):
                append(children, style: style.layered(with: theme.style(for: .markdownEmphasis)), to: &result)
            case .strong(let children):
                append(children, style: style.layered(with: theme.style(for: .markdownStrong)), to: &result)
            case .strikethrough(let children):
                append(children, style: style.layered(with: theme.style(for: .markdownStrikethrough)), to: &result)
            case .link(let url, let children):
                append(children, style: style.layered(with: theme.style(for: .markdownLink)), to: &result)
                appendTarget(url, shown: children.plainText, style: style, to: &result)
            case .image(let url, let children):
                // A terminal cannot show the picture: its alt text and where it is.
                let alt = children.plainText
                result.append(StyledSpan(alt.isEmpty ? "[image]" : "[image: \(alt)]", style: style.layered(with: theme.style(for: .markdownLink))))
                appendTarget(url, shown: "", style: style, to: &result)
            }
        }
    }

    /// The URL after a link's text, dimmed, unless the text already is the URL (autolinks,
    /// `<https://…>`, and `mailto:` links whose text is the address).
    private func appendTarget(_ url: String, shown: String, style: Style, to result: inout [StyledSpan]) {
        guard !url.isEmpty, url != shown, url != "mailto:" + shown else { return }
        result.append(StyledSpan(" (\(url))", style: style.layered(with: theme.style(for: .textDim))))
    }
}
