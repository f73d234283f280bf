import TerminalUI
import MarkdownRendering

/// The built-in theme in 256 colours: what the snapshots and style checks are taken with.
let testTheme = Theme.builtInDefault(colors: .colors256)

/// The rendered lines as text, one string per line: the snapshot form.
func rendered(_ markdown: String, width: Int, streaming: Bool = false) -> [String] {
    MarkdownRenderer.render(markdown, width: width, theme: testTheme, streaming: streaming).map(\.text)
}

/// The span holding `text` exactly, in the lines `markdown` renders to.
func span(_ text: String, in markdown: String, width: Int = 80) -> StyledSpan? {
    MarkdownRenderer.render(markdown, width: width, theme: testTheme).flatMap(\.spans).first { $0.text == text }
}
