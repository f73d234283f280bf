import ChatCore
import FilePicking
import TerminalUI

/// F1: every key binding, from the keymap itself.
///
/// Everything should be seen at 80x24, where one column of ~32 bindings does not fit: the nine
/// jumps share a line (`alt-1 … alt-9`), a second column opens when the box is wide enough, and
/// whatever still does not fit scrolls (↑↓ PgUp PgDn), with a count on the last line rather
/// than a silent cut. The slash commands follow the keys.
struct HelpOverlay {
    let keyMap: KeyMap
    let theme: Theme
    /// Rows scrolled past, from the state; clamped here, where the height is known.
    let scroll: Int

    static let columnGap = 2, minimumColumnWidth = 34

    func draw(in bounds: Rect, on screen: inout Screen) {
        let rows = self.rows
        let measure = TextWidth.standard
        let width = min(bounds.width - 4, 78)
        let room = max(1, bounds.height - 4)  // the box's borders and a line of margin each side
        let columns = rows.count > room && (width - 4 - Self.columnGap) / 2 >= Self.minimumColumnWidth ? 2 : 1
        let perColumn = min(room, (rows.count + columns - 1) / columns)
        let height = min(bounds.height - 2, perColumn + 3)
        let inner = OverlayFrame.draw("Keys and commands — any other key closes", width: width, height: height, in: bounds, on: &screen, theme: theme)
        let style = theme.style(for: "overlay")
        let capacity = min(inner.height, perColumn) * columns
        let first = rows.count > capacity ? max(0, min(scroll, rows.count - (capacity - 1))) : 0
        let shown = rows.count > capacity ? Array(rows.dropFirst(first).prefix(capacity - 1)) : rows
        let columnWidth = (inner.width - Self.columnGap * (columns - 1)) / columns
        let keyStyle = theme.style(for: "overlay.selected").merged(over: style)
        for (index, row) in shown.enumerated() {
            let column = index / perColumn
            let longestKeys = shown[(column * perColumn)..<min(shown.count, (column + 1) * perColumn)].map { measure.columns(of: $0.keys) }.max() ?? 0
            let keyColumn = min(longestKeys + 2, columnWidth / 2 + 1)
            let x = inner.x + column * (columnWidth + Self.columnGap), y = inner.y + index % perColumn
            screen.draw(measure.truncate(row.keys, to: keyColumn - 1), style: keyStyle, x: x, y: y, clip: inner)
            screen.draw(measure.truncate(row.summary, to: columnWidth - keyColumn), style: style, x: x + keyColumn, y: y, clip: inner)
        }
        if shown.count < rows.count {
            let below = rows.count - first - shown.count
            let more = below > 0 ? "↓ \(below) more (↓ PgDn scroll)" : "↑ \(first) above (↑ PgUp scroll)"
            let index = shown.count
            let x = inner.x + (index / perColumn) * (columnWidth + Self.columnGap), y = inner.y + index % perColumn
            screen.draw(measure.truncate(more, to: columnWidth), style: theme.style(for: "text.dim").merged(over: style), x: x, y: y, clip: inner)
        }
    }

    /// One row per action that has keys, in the keymap's order; the nine jumps to a
    /// conversation share one row when they are bound to one key each with a common prefix.
    var rows: [(keys: String, summary: String)] {
        let jumps = Action.allCases.filter { $0.conversationNumber != nil }
        let jumpKeys = jumps.map { keyMap.keys(for: $0) }
        var shared: String?
        if jumpKeys.allSatisfy({ $0.count == 1 }), let first = jumpKeys.first?.first, first.hasSuffix("1") {
            let prefix = first.dropLast()
            if jumpKeys.enumerated().allSatisfy({ $0.element[0] == "\(prefix)\($0.offset + 1)" }) {
                shared = "\(prefix)1 … \(prefix)\(jumps.count)"
            }
        }
        var rows: [(keys: String, summary: String)] = []
        for action in Action.allCases {
            let keys = keyMap.keys(for: action)
            guard !keys.isEmpty else { continue }
            if let shared, let number = action.conversationNumber {
                if number == 1 { rows.append((shared, "Conversation 1 to \(jumps.count) in the list")) }
                continue
            }
            rows.append((keys.joined(separator: ", "), action.summary))
        }
        return rows + SlashCommand.documentation.map { ($0.usage, $0.summary) }
            + [("", "In the file picker (Ctrl-O):")] + FilePicker.keyHelp
            + [("", "In the files from bots (Alt-O):")] + ReceivedFiles.keyHelp
    }
}
