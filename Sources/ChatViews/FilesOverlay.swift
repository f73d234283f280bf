import ChatCore
import ChatStore
import TerminalUI

/// Alt-O: the files bots sent in this conversation, newest first, with type, size and where a
/// copy was saved.
struct FilesOverlay {
    let state: AppState
    let selection: Int
    let theme: Theme

    func draw(in bounds: Rect, on screen: inout Screen) {
        let rows = ReceivedFiles.all(in: state.current)
        let width = min(bounds.width - 4, 90)
        let height = min(bounds.height - 2, max(5, min(rows.count, 14) + 2))
        let style = theme.style(for: "overlay")
        let inner = OverlayFrame.draw("Files from bots — Enter opens · s saves · a saves the reply's · Esc",
                                      width: width, height: height, in: bounds, on: &screen, theme: theme)
        let first = max(0, min(selection - inner.height + 1, rows.count - inner.height))
        let measure = TextWidth.standard
        let nameWidth = min(32, inner.width / 2)
        for (offset, row) in rows.dropFirst(first).prefix(inner.height).enumerated() {
            let selected = first + offset == selection
            let rowStyle = selected ? theme.style(for: "overlay.selected").merged(over: style) : style
            let y = inner.y + offset
            screen.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: rowStyle)
            screen.draw("📎 " + measure.truncate(row.file.name.isEmpty ? "(no name)" : row.file.name, to: nameWidth - 3),
                        style: rowStyle, x: inner.x, y: y, clip: inner)
            let details = [row.file.contentType, row.file.savedPath.map { "saved: \($0)" } ?? "not saved"].joined(separator: "  ")
            screen.draw(measure.truncate(details, to: inner.width - nameWidth - 1), style: theme.style(for: "text.dim").merged(over: rowStyle),
                        x: inner.x + nameWidth + 1, y: y, clip: inner)
        }
    }
}
