import ChatCore
import TerminalUI

/// F1: every key binding, from the keymap itself, then the commands typed in the input.
/// Longer than a small screen, so it scrolls; the scroll is clamped here, where the height is known.
struct HelpOverlay {
    let keyMap: KeyMap
    let theme: Theme
    let scroll: Int

    /// (left column, right column, is a heading)
    private var rows: [(String, String, Bool)] {
        let keys = Action.allCases.map { action in
            (keyMap.keys(for: action).joined(separator: ", "), action.summary, false)
        }.filter { !$0.0.isEmpty }
        let commands = SlashCommand.documentation.map { ($0.usage, $0.summary, false) }
        return keys + [("", "", false), ("Commands typed in the input", "", true)] + commands
    }

    func draw(in bounds: Rect, on screen: inout Screen) {
        let rows = self.rows
        let width = min(bounds.width - 4, 86)
        let height = min(bounds.height - 2, rows.count + 2)
        let rect = Rect(x: bounds.x + (bounds.width - width) / 2, y: bounds.y + (bounds.height - height) / 2, width: width, height: height)
        let style = theme.style(for: "overlay")
        let inner = Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2)
        let first = max(0, min(scroll, rows.count - inner.height))
        let more = rows.count > inner.height
            ? " \(first + 1)–\(min(rows.count, first + inner.height)) of \(rows.count) · ↑↓ PgUp PgDn scroll ·" : ""
        screen.fill(rect, style: style)
        screen.drawBox(rect, style: style, characters: .rounded,
                       title: [StyledSpan(" Keys —\(more) any other key closes ", style: theme.style(for: "title"))])
        let keyColumn = min(22, inner.width / 3)
        let keyClip = Rect(x: inner.x, y: inner.y, width: keyColumn - 1, height: inner.height)
        let emphasis = theme.style(for: "overlay.selected").merged(over: style)
        for (offset, row) in rows.dropFirst(first).prefix(inner.height).enumerated() {
            let y = inner.y + offset
            if row.2 {
                screen.draw(row.0, style: theme.style(for: "title").merged(over: style), x: inner.x, y: y, clip: inner)
                continue
            }
            screen.draw(row.0, style: emphasis, x: inner.x, y: y, clip: keyClip)
            screen.draw(row.1, style: style, x: inner.x + keyColumn, y: y, clip: inner)
        }
    }
}
