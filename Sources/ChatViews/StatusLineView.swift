import ChatCore
import TerminalUI

/// The bottom line: bot, stream state, points, and the latest message or error.
struct StatusLineView {
    /// Everything the line draws; the renderer keeps the last frame's line while it is the same.
    struct Content: Equatable {
        var rect: Rect
        var left: String
        var status: StatusMessage?

        init(state: AppState, rect: Rect) {
            self.rect = rect
            var left = " \(state.currentBot)"
            let streaming = state.streams.count
            if let id = state.currentID, state.isStreaming(id) {
                left += " · replying (Esc stops)"
            } else if streaming > 0 {
                left += " · \(streaming) replying elsewhere"
            }
            if let balance = state.balance { left += " · \(balance) points" }
            self.left = left
            status = state.status
        }
    }

    let content: Content
    let theme: Theme

    func draw(on screen: inout Screen) {
        let rect = content.rect
        let bar = theme.style(for: "status.bar")
        screen.fill(rect, style: bar)
        let end = screen.draw(content.left, style: bar, x: rect.x, y: rect.y, clip: rect)
        guard let status = content.status else { return }
        let role: ThemeRole
        switch status.severity {
        case .info: role = "status.bar"
        case .warning: role = "status.warning"
        case .error: role = "status.error"
        }
        // A message that does not fit ends with "…", so a cut is never mistaken for the end.
        screen.draw(TextWidth.standard.truncate("  " + status.text, to: rect.maxX - end), style: theme.style(for: role).merged(over: bar), x: end, y: rect.y, clip: rect)
    }
}
