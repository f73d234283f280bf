import ChatCore
import TerminalUI

/// The message being typed, in a box at the bottom, with the caret placed as the terminal cursor.
struct InputBoxView {
    /// Everything the box draws; the renderer keeps the last frame's box while it is the same
    /// (every frame of a stream, unless the user types).
    struct Content: Equatable {
        var rect: Rect
        var bot: String
        var parameters: String?
        var chips: [StyledLine]
        var input: InputBuffer

        /// `chips`: the draft's files wrapped to the box (`AttachmentChips`), made once a frame.
        init(state: AppState, rect: Rect, chips: [StyledLine]) {
            self.rect = rect
            bot = state.currentBot
            if let parameters = state.current?.parameters, !parameters.isEmpty {
                self.parameters = BotParameters.summary(parameters)
            }
            // Chips first, at most half the box, so the text always keeps room.
            self.chips = Array(chips.prefix(max(0, (rect.height - 2) / 2)))
            input = state.input
        }
    }

    let content: Content
    let theme: Theme

    func draw(on screen: inout Screen) {
        let rect = content.rect
        var title = [StyledSpan(content.bot, style: theme.style(for: "title"))]
        if let parameters = content.parameters {
            title.append(StyledSpan(" · \(parameters)", style: theme.style(for: "input.placeholder")))
        }
        screen.drawBox(rect, style: theme.style(for: "border.focused"), characters: .rounded, title: title)
        var inner = Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 2)
        screen.fill(inner, style: theme.style(for: "input.text"))
        for (offset, line) in content.chips.enumerated() {
            screen.draw(line.spans, x: inner.x, y: inner.y + offset, clip: inner)
        }
        inner = Rect(x: inner.x, y: inner.y + content.chips.count, width: inner.width, height: inner.height - content.chips.count)
        let input = content.input
        guard !input.isEmpty else {
            screen.draw("Message \(content.bot)…  Enter sends · Alt-Enter newline · F1 keys",
                        style: theme.style(for: "input.placeholder"), x: inner.x, y: inner.y, clip: inner)
            screen.cursor = (inner.x, inner.y)
            return
        }
        // Lay out the text as the screen will show it, tracking which row and column the caret lands on.
        let (caretLine, caretColumn) = input.caretLineAndColumn
        var rows: [StyledLine] = []
        var caretRow = 0, caretX = 0
        for (index, line) in input.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let wrapped = TextWrapper.wrap([StyledSpan(String(line), style: theme.style(for: "input.text"))], width: max(1, inner.width - 1))
            if index == caretLine {
                let before = String(line.prefix(caretColumn))
                let offset = TextWrapper.wrap([StyledSpan(before + "x", style: .plain)], width: max(1, inner.width - 1))
                caretRow = rows.count + offset.count - 1
                caretX = max(0, (offset.last?.columns ?? 1) - 1)
            }
            rows += wrapped.isEmpty ? [StyledLine(spans: [], columns: 0)] : wrapped
        }
        // Keep the caret's row in view when the text is taller than the box.
        let first = max(0, min(caretRow - inner.height + 1, rows.count - inner.height))
        for (offset, row) in rows.dropFirst(first).prefix(inner.height).enumerated() {
            screen.draw(row.spans, x: inner.x, y: inner.y + offset, clip: inner)
        }
        screen.cursor = (inner.x + caretX, inner.y + caretRow - first)
    }

    /// Rows the chips and the text need in a box `width` wide, for the layout.
    static func lines(for state: AppState, width: Int, chips: Int) -> Int {
        let text = state.input.text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { total, line in
            total + max(1, TextWrapper.wrap(String(line), width: max(1, width - 3)).count)
        }
        return text + chips
    }
}
