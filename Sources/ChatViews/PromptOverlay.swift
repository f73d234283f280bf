import ChatCore
import TerminalUI

/// A one-line question or text field over the conversation (rename, delete confirmation).
struct PromptOverlay {
    let title: String
    let text: String
    /// Where the caret is, in characters; nil hides it.
    let caret: Int?
    let theme: Theme

    func draw(in bounds: Rect, on screen: inout Screen) {
        let width = min(bounds.width - 4, 80)
        let rect = Rect(x: bounds.x + (bounds.width - width) / 2, y: bounds.y + bounds.height / 2 - 2, width: width, height: 3)
        let style = theme.style(for: "overlay")
        screen.fill(rect, style: style)
        screen.drawBox(rect, style: style, characters: .rounded, title: [StyledSpan(title, style: theme.style(for: "title"))])
        let inner = Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: 1)
        screen.draw(text, style: style, x: inner.x, y: inner.y, clip: inner)
        if let caret {
            let column = TextWidth.standard.columns(of: text.prefix(caret))
            screen.cursor = (min(inner.x + column, inner.maxX - 1), inner.y)
        } else {
            screen.cursor = nil
        }
    }
}
