import TerminalUI

/// Turns a bot reply's markdown (GitHub-flavoured: tables, strikethrough, autolinks, task
/// lists) into styled lines wrapped to a width, ready for `Screen.draw`.
///
/// Bot text is untrusted: it goes into spans as received and is made inert when drawn
/// (`Screen.draw` shows controls as pictures such as `␛`). Nothing here builds escape sequences.
public enum MarkdownRenderer {
    /// - Parameters:
    ///   - width: columns available; at least 1 is used.
    ///   - streaming: the reply is still arriving. The unfinished last line (after the last
    ///     newline) is shown as plain text, the rest as markdown, so the text does not jump
    ///     while a construct is half-written (see `StreamingSplit`).
    public static func render(_ markdown: String, width: Int, theme: Theme, streaming: Bool = false) -> [StyledLine] {
        let width = max(1, width)
        let renderer = BlockRenderer(theme: theme)
        guard streaming else { return renderer.render(MarkdownParser.parse(markdown), width: width) }
        let split = StreamingSplit(markdown)
        var lines = renderer.render(MarkdownParser.parse(String(split.settled)), width: width)
        guard !split.pending.isEmpty else { return lines }
        if !lines.isEmpty, split.pendingStartsBlock { lines.append(.blank) }
        lines += TextWrapper.wrap([StyledSpan(String(split.pending), style: theme.style(for: .text))], width: width)
        return lines
    }
}
