import ChatCore
import TerminalUI

/// The message being typed, in a box at the bottom, with the caret placed as the terminal cursor.
struct InputBoxView {
    let state: AppState
    let theme: Theme

    func draw(in rect: Rect, on screen: inout Screen) {
        var title = [StyledSpan(state.currentBot, style: theme.style(for: "title"))]
        if let parameters = state.current?.parameters, !parameters.isEmpty {
            title.append(StyledSpan(" · \(BotParameters.summary(parameters))", style: theme.style(for: "input.placeholder")))
        }
        screen.drawBox(rect, style: theme.style(for: "border.focused"), characters: .rounded, title: title)
        var inner = Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 2)
        screen.fill(inner, style: theme.style(for: "input.text"))
        // Chips first, at most half the box, so the text always keeps room.
        let chips = AttachmentChips(state: state, theme: theme).lines(width: inner.width - 1).prefix(max(0, inner.height / 2))
        for (offset, line) in chips.enumerated() {
            screen.draw(line.spans, x: inner.x, y: inner.y + offset, clip: inner)
        }
        inner = Rect(x: inner.x, y: inner.y + chips.count, width: inner.width, height: inner.height - chips.count)
        let input = state.input
        guard !input.isEmpty else {
            screen.draw("Message \(state.currentBot)…  Enter sends · Alt-Enter newline · F1 keys",
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

    /// Rows the chips and the text need, for the layout.
    static func lines(for state: AppState, width: Int, theme: Theme) -> Int {
        let text = state.input.text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { total, line in
            total + max(1, TextWrapper.wrap(String(line), width: max(1, width - 3)).count)
        }
        return text + AttachmentChips(state: state, theme: theme).lines(width: width - 3).count
    }
}
