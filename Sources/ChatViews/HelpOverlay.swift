import ChatCore
import TerminalUI

/// F1: every key binding, from the keymap itself.
struct HelpOverlay {
    let keyMap: KeyMap
    let theme: Theme

    func draw(in bounds: Rect, on screen: inout Screen) {
        let rows = Action.allCases.map { action -> (String, String) in
            (keyMap.keys(for: action).joined(separator: ", "), action.summary)
        }.filter { !$0.0.isEmpty }
        let width = min(bounds.width - 4, 78)
        let height = min(bounds.height - 2, rows.count + 3)
        let rect = Rect(x: bounds.x + (bounds.width - width) / 2, y: bounds.y + (bounds.height - height) / 2, width: width, height: height)
        let style = theme.style(for: "overlay")
        screen.fill(rect, style: style)
        screen.drawBox(rect, style: style, characters: .rounded, title: [StyledSpan(" Keys — any key closes ", style: theme.style(for: "title"))])
        let inner = Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2)
        let keyColumn = min(22, inner.width / 3)
        for (offset, row) in rows.prefix(inner.height).enumerated() {
            screen.draw(row.0, style: theme.style(for: "overlay.selected").merged(over: style), x: inner.x, y: inner.y + offset, clip: Rect(x: inner.x, y: inner.y, width: keyColumn - 1, height: inner.height))
            screen.draw(row.1, style: style, x: inner.x + keyColumn, y: inner.y + offset, clip: inner)
        }
    }
}
