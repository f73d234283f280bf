import ChatCore
import ChatStore
import TerminalUI

/// The conversations on the left: title, bot, a spinner while a reply streams, unread counts.
struct ConversationListView {
    static let spinner: [Character] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    let state: AppState
    let theme: Theme
    let frame: Int

    func draw(in rect: Rect, on screen: inout Screen) {
        screen.fill(rect, style: theme.style(for: "list"))
        screen.drawVerticalLine(x: rect.maxX - 1, y: rect.y, height: rect.height, style: theme.style(for: "border"))
        let inner = Rect(x: rect.x, y: rect.y, width: rect.width - 1, height: rect.height)
        screen.draw(" Conversations", style: theme.style(for: "title"), x: inner.x, y: inner.y, clip: inner)
        var y = inner.y + 1
        for (index, summary) in state.conversations.enumerated() {
            guard y + 1 < inner.maxY else { break }
            let selected = summary.id == state.currentID
            let base = theme.style(for: selected ? "list.selected" : "list.item")
            screen.fill(Rect(x: inner.x, y: y, width: inner.width, height: 2), style: base)
            let number = index < 9 ? "\(index + 1) " : "  "
            var marker = ""
            if state.isStreaming(summary.id) {
                marker = String(Self.spinner[frame % Self.spinner.count])
            } else if summary.unread > 0 {
                marker = "●\(summary.unread)"
            }
            let markerWidth = TextWidth.standard.columns(of: marker)
            let title = summary.title.isEmpty ? "New conversation" : summary.title
            // A blank column each side of the row, and one between the title and its marker.
            let titleWidth = inner.width - 2 - number.count - (markerWidth > 0 ? markerWidth + 1 : 0)
            screen.draw([StyledSpan(number, style: theme.style(for: "text.dim").merged(over: base)),
                         StyledSpan(TextWidth.standard.truncate(title, to: max(1, titleWidth)), style: base)],
                        x: inner.x + 1, y: y, clip: inner)
            if markerWidth > 0 {
                let role: ThemeRole = state.isStreaming(summary.id) ? "spinner" : "list.unread"
                screen.draw(marker, style: theme.style(for: role).merged(over: base), x: inner.maxX - markerWidth - 1, y: y, clip: inner)
            }
            screen.draw(TextWidth.standard.truncate(summary.bot, to: max(1, inner.width - 4)),
                        style: theme.style(for: "text.dim").merged(over: base), x: inner.x + 3, y: y + 1, clip: inner)
            y += 2
        }
        if state.conversations.isEmpty {
            screen.draw(" Type to start one.", style: theme.style(for: "text.dim"), x: inner.x, y: y, clip: inner)
        }
    }
}

extension Style {
    /// This style's colours where set, over `base`'s background: a dim label on a selected row
    /// keeps the row's highlight.
    func merged(over base: Style) -> Style {
        Style(foreground: foreground == .terminalDefault ? base.foreground : foreground,
              background: background == .terminalDefault ? base.background : background,
              attributes: attributes.union(base.attributes))
    }
}
