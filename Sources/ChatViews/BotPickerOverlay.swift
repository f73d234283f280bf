import ChatCore
import TerminalUI

/// Ctrl-B: the filter line, then the matching bots with owner and what they take and give.
struct BotPickerOverlay {
    let state: AppState
    let picker: BotPicker
    let theme: Theme

    func draw(in bounds: Rect, on screen: inout Screen) {
        let rows = state.pickerCandidates(picker)
        let width = min(bounds.width - 4, 90)
        let height = min(bounds.height - 2, max(8, min(rows.count, 16) + 4))
        let style = theme.style(for: "overlay")
        let inner = OverlayFrame.draw("Bot for the next turn — Enter chooses · Tab favourite · Esc closes",
                                      width: width, height: height, in: bounds, on: &screen, theme: theme)
        let end = screen.draw([StyledSpan("› ", style: theme.style(for: "text.dim").merged(over: style)),
                               StyledSpan(picker.filter, style: style)], x: inner.x, y: inner.y, clip: inner)
        screen.cursor = (min(end, inner.maxX - 1), inner.y)
        if rows.isEmpty {
            let hint = picker.filter.isEmpty ? "Loading the catalog… or type a bot's name." : "No match: Enter uses \"\(picker.filter)\" as the bot's name."
            screen.draw(hint, style: theme.style(for: "text.dim").merged(over: style), x: inner.x, y: inner.y + 2, clip: inner)
            return
        }
        let visible = inner.height - 2
        let first = max(0, min(picker.selection - visible + 1, rows.count - visible))
        for (offset, entry) in rows.dropFirst(first).prefix(visible).enumerated() {
            let index = first + offset
            let selected = index == picker.selection
            let rowStyle = selected ? theme.style(for: "overlay.selected").merged(over: style) : style
            let y = inner.y + 2 + offset
            screen.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: rowStyle)
            let favourite = state.favouriteBots.firstIndex(of: entry.id).map { $0 < 9 ? "\($0 + 1) " : "★ " } ?? "  "
            let modalities = entry.inputs.isEmpty ? "" : "\(entry.inputs.joined(separator: ","))→\(entry.outputs.joined(separator: ","))"
            let nameWidth = min(28, inner.width / 3)
            screen.draw([StyledSpan(favourite, style: theme.style(for: "text.dim").merged(over: rowStyle)),
                         StyledSpan(TextWidth.standard.truncate(entry.id, to: nameWidth), style: rowStyle)],
                        x: inner.x, y: y, clip: inner)
            let details = [entry.owner, modalities, entry.description.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""]
                .filter { !$0.isEmpty }.joined(separator: "  ")
            let detailsX = inner.x + nameWidth + 3
            screen.draw(TextWidth.standard.truncate(details, to: inner.maxX - detailsX), style: theme.style(for: "text.dim").merged(over: rowStyle),
                        x: detailsX, y: y, clip: inner)
        }
    }
}
