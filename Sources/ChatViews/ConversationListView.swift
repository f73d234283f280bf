import ChatCore
import ChatStore
import TerminalUI

/// The conversations on the left: title, bot, a spinner while a reply streams, unread counts.
///
/// What it shows is gathered first (`Content`), then drawn from that alone: the renderer keeps
/// the last frame's list when its content is the same, which is every frame of a stream but
/// the spinner's ten a second.
struct ConversationListView {
    static let spinner: [Character] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    /// One conversation's two rows.
    struct Row: Equatable {
        var number: String
        var title: String
        var bot: String
        /// The spinner or the unread count; empty for neither.
        var marker: String
        var isStreaming: Bool
        var isSelected: Bool
    }

    /// Everything the list draws.
    struct Content: Equatable {
        var rect: Rect
        var rows: [Row]
        var isEmpty: Bool

        /// The rows that fit in `rect`.
        init(state: AppState, frame: Int, rect: Rect) {
            self.rect = rect
            isEmpty = state.conversations.isEmpty
            rows = []
            let fitting = max(0, (rect.height - 1) / 2)
            for (index, summary) in state.conversations.prefix(fitting).enumerated() {
                let streaming = state.isStreaming(summary.id)
                var marker = ""
                if streaming {
                    marker = String(ConversationListView.spinner[frame % ConversationListView.spinner.count])
                } else if summary.unread > 0 {
                    marker = "●\(summary.unread)"
                }
                rows.append(Row(number: index < 9 ? "\(index + 1) " : "  ", title: summary.title.isEmpty ? "New conversation" : summary.title,
                                bot: summary.bot, marker: marker, isStreaming: streaming, isSelected: summary.id == state.currentID))
            }
        }
    }

    let content: Content
    let theme: Theme

    /// Draws the list; over the last frame's list (`previous`, which `screen` must start as),
    /// only the rows that changed, such as a spinner's.
    func draw(over previous: Content? = nil, on screen: inout Screen) {
        let rect = content.rect
        let inner = Rect(x: rect.x, y: rect.y, width: rect.width - 1, height: rect.height)
        let kept = previous.map { $0.rect == rect && $0.isEmpty == content.isEmpty && $0.rows.count == content.rows.count } ?? false
        if !kept {
            screen.fill(rect, style: theme.style(for: "list"))
            screen.drawVerticalLine(x: rect.maxX - 1, y: rect.y, height: rect.height, style: theme.style(for: "border"))
            screen.draw(" Conversations", style: theme.style(for: "title"), x: inner.x, y: inner.y, clip: inner)
        }
        var y = inner.y + 1
        for (index, row) in content.rows.enumerated() {
            if kept, previous?.rows[index] == row {
                y += 2
                continue
            }
            let base = theme.style(for: row.isSelected ? "list.selected" : "list.item")
            screen.fill(Rect(x: inner.x, y: y, width: inner.width, height: 2), style: base)
            let markerWidth = TextWidth.standard.columns(of: row.marker)
            // A blank column each side of the row, and one between the title and its marker.
            let titleWidth = inner.width - 2 - row.number.count - (markerWidth > 0 ? markerWidth + 1 : 0)
            screen.draw([StyledSpan(row.number, style: theme.style(for: "text.dim").merged(over: base)),
                         StyledSpan(TextWidth.standard.truncate(row.title, to: max(1, titleWidth)), style: base)],
                        x: inner.x + 1, y: y, clip: inner)
            if markerWidth > 0 {
                let role: ThemeRole = row.isStreaming ? "spinner" : "list.unread"
                screen.draw(row.marker, style: theme.style(for: role).merged(over: base), x: inner.maxX - markerWidth - 1, y: y, clip: inner)
            }
            screen.draw(TextWidth.standard.truncate(row.bot, to: max(1, inner.width - 4)),
                        style: theme.style(for: "text.dim").merged(over: base), x: inner.x + 3, y: y + 1, clip: inner)
            y += 2
        }
        if content.isEmpty, !kept {
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
