import TerminalUI

/// Lays out blocks one under another, one blank line apart, each wrapped to `width`.
/// Containers (quotes, list items) render their children narrower, then put their gutter or
/// marker in front of every line.
struct BlockRenderer {
    let theme: Theme
    let measure = TextWidth.standard

    private var inline: InlineRenderer { InlineRenderer(theme: theme) }

    /// - Parameter tight: no blank lines between the blocks (the inside of a tight list item).
    func render(_ blocks: [MarkdownBlock], width: Int, tight: Bool = false, listDepth: Int = 0) -> [StyledLine] {
        var lines: [StyledLine] = []
        for (index, block) in blocks.enumerated() {
            if index > 0, !tight { lines.append(.blank) }
            lines += render(block, width: max(1, width), listDepth: listDepth)
        }
        return lines
    }

    private func render(_ block: MarkdownBlock, width: Int, listDepth: Int) -> [StyledLine] {
        switch block {
        case .paragraph(let inlines):
            return TextWrapper.wrap(inline.spans(inlines, base: theme.style(for: .text)), width: width, measure: measure)
        case .heading(let level, let inlines):
            return heading(level: level, inlines, width: width)
        case .quote(let children):
            let style = theme.style(for: .markdownQuote)
            let gutter = [StyledSpan("│ ", style: style)]
            let inner = render(children, width: width - 2, listDepth: listDepth)
            return restyled(inner, under: style).prefixed(first: gutter, rest: gutter, measure: measure)
        case .list(let list):
            return ListRenderer(blocks: self).render(list, width: width, depth: listDepth)
        case .code(let info, let literal):
            return CodeBlockRenderer(theme: theme, measure: measure).render(language: info, code: literal, width: width)
        case .html(let html):
            var text = html
            while text.hasSuffix("\n") { text.removeLast() }
            return TextWrapper.wrap([StyledSpan(text, style: theme.style(for: .textDim))], width: width, measure: measure)
        case .rule:
            return [StyledLine(spans: [StyledSpan(String(repeating: "─", count: width), style: theme.style(for: .markdownRule))], columns: width)]
        case .table(let table):
            return TableRenderer(theme: theme, measure: measure).render(table, width: width)
        }
    }

    /// Headings keep their `#` markers, dimmed: the level shows without a style per level, and a
    /// copied heading is still markdown. Wrapped heading lines hang under the text.
    private func heading(level: Int, _ inlines: [MarkdownInline], width: Int) -> [StyledLine] {
        let style = theme.style(for: .markdownHeading)
        let marker = String(repeating: "#", count: max(1, level)) + " "
        let markerColumns = marker.count
        guard width > markerColumns + 1 else {
            return TextWrapper.wrap(inline.spans(inlines, base: style), width: width, measure: measure)
        }
        let dimmed = style.layered(with: Style(attributes: .dim))
        let lines = TextWrapper.wrap(inline.spans(inlines, base: style), width: width - markerColumns, measure: measure)
        return lines.prefixed(
            first: [StyledSpan(marker, style: dimmed)],
            rest: [StyledSpan(String(repeating: " ", count: markerColumns), style: style)],
            measure: measure
        )
    }

    /// A quote's text takes the quote style under its own markup (italic grey by default).
    private func restyled(_ lines: [StyledLine], under style: Style) -> [StyledLine] {
        lines.map { line in
            var line = line
            line.spans = line.spans.map { StyledSpan($0.text, style: style.layered(with: $0.style)) }
            return line
        }
    }
}
