import ChatCore
import TerminalUI

/// The first-run screen: what a key is and where to get one, a masked field for it, the three
/// choices, and the latest message, in a box in the middle of the terminal.
struct FirstRunView {
    let state: FirstRunState
    let theme: Theme

    static let minimumWidth = 36, minimumHeight = 9

    func render() -> Screen {
        var screen = Screen(width: state.width, height: state.height)
        let text = theme.style(for: "text")
        screen.fill(screen.bounds, style: text)
        guard state.width >= Self.minimumWidth, state.height >= Self.minimumHeight else {
            let notice = "Terminal too small (\(state.width)x\(state.height)) for the first-run screen; enlarge it, or Esc to quit."
            for (offset, line) in TextWrapper.wrap(notice, width: max(1, state.width)).enumerated() where offset < state.height {
                screen.draw(line.text, style: text, x: 0, y: offset)
            }
            return screen
        }
        // The full text when it fits; else a compact one; else without the explanation. What
        // still does not fit is the end of a long message, cut with "…".
        let width = min(state.width - 2, 76)
        var layout = self.layout(width: width, compact: false)
        if layout.height > state.height { layout = self.layout(width: width, compact: true) }
        if layout.height > state.height { layout = self.layout(width: width, compact: true, explained: false) }
        let height = min(state.height, layout.height)
        let rect = Rect(x: (state.width - width) / 2, y: max(0, (state.height - height) / 2), width: width, height: height)
        screen.drawBox(rect, style: theme.style(for: "border.focused"), characters: .rounded,
                       title: [StyledSpan("Welcome to poe-tui", style: theme.style(for: "title"))])
        let inner = Rect(x: rect.x + 1 + layout.margin, y: rect.y + 1 + layout.padding,
                         width: rect.width - 2 - 2 * layout.margin, height: rect.height - 2 - 2 * layout.padding)
        for (offset, spans) in layout.rows.enumerated() where offset < inner.height {
            var spans = spans
            if layout.messageRows.contains(offset) {
                screen.fill(Rect(x: inner.x - 1, y: inner.y + offset, width: inner.width + 2, height: 1), style: theme.style(for: "status.bar"))
                if offset == inner.height - 1, offset + 1 < layout.messageRows.upperBound {
                    // The last row that fits says that more was cut.
                    let columns = spans.reduce(0) { $0 + TextWidth.standard.columns(of: $1.text) }
                    spans = columns < inner.width ? spans + [StyledSpan("…", style: spans.last?.style ?? text)]
                        : TextWidth.standard.truncate(spans, to: inner.width - 1)
                }
            }
            screen.draw(spans, x: inner.x, y: inner.y + offset, clip: inner)
        }
        drawField(in: Rect(x: inner.x, y: inner.y + layout.fieldRow, width: inner.width, height: 3), on: &screen, clip: inner)
        return screen
    }

    /// The rows inside the box; the field's box takes three, from `fieldRow`.
    private struct Layout {
        var rows: [[StyledSpan]] = []
        var fieldRow = 0
        var messageRows = 0..<0
        /// Blank rows inside the box above and below the text, and blank columns each side.
        var padding: Int
        var margin: Int
        var height: Int { rows.count + 2 + 2 * padding }
    }

    private func layout(width: Int, compact: Bool, explained: Bool = true) -> Layout {
        var layout = Layout(padding: compact ? 0 : 1, margin: compact ? 1 : 2)
        let innerWidth = width - 2 - 2 * layout.margin
        func paragraph(_ spans: [StyledSpan]) { layout.rows += TextWrapper.wrap(spans, width: innerWidth).map(\.spans) }
        let text = theme.style(for: "text"), dim = theme.style(for: "text.dim"), key = theme.style(for: "title.focused")
        let link = StyledSpan("https://poe.com/api_key", style: theme.style(for: "markdown.link"))
        if !compact {
            paragraph([StyledSpan("poe-tui talks to Poe with your Poe API key: one key reaches every bot on Poe, and replies are paid from that account's points.", style: text)])
            paragraph([StyledSpan("Get your key at ", style: text), link, StyledSpan(" and paste it here.", style: text)])
            layout.rows.append([])
        } else if explained {
            paragraph([StyledSpan("Paste your Poe API key, from ", style: text), link, StyledSpan(".", style: text)])
        }
        layout.fieldRow = layout.rows.count
        layout.rows += [[], [], []]
        if compact {
            paragraph([StyledSpan("Enter", style: key), StyledSpan(" save  ", style: text), StyledSpan("Ctrl-D", style: key),
                       StyledSpan(" demo  ", style: text), StyledSpan("Esc", style: key), StyledSpan(" quit", style: text)])
        } else {
            paragraph([StyledSpan("It is saved in \(state.configPath), readable only by you.", style: dim)])
            layout.rows.append([])
            for (name, what) in [("Enter ", "check the key with Poe, save it and start"),
                                 ("Ctrl-D", "the offline demo instead (nothing is saved)"),
                                 ("Esc   ", "quit, changing nothing")] {
                paragraph([StyledSpan(name, style: key), StyledSpan("  " + what, style: text)])
            }
        }
        if let message = state.message {
            if !compact { layout.rows.append([]) }
            let start = layout.rows.count
            paragraph([StyledSpan(message.text, style: style(for: message.severity))])
            layout.messageRows = start..<layout.rows.count
        }
        return layout
    }

    /// The key as bullets, with its last four characters once it is long enough that they give
    /// nothing away, so a paste can be told apart from another key; and its length.
    private func drawField(in rect: Rect, on screen: inout Screen, clip: Rect) {
        guard rect.maxY <= clip.maxY else { return }
        screen.drawBox(rect, style: theme.style(for: "border.focused"), characters: .rounded,
                       title: [StyledSpan("API key", style: theme.style(for: "title"))])
        let inside = Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: 1)
        guard !state.key.isEmpty else {
            screen.draw("paste or type your key", style: theme.style(for: "input.placeholder"), x: inside.x, y: inside.y, clip: inside)
            screen.cursor = (inside.x, inside.y)
            return
        }
        let count = state.key.count
        let length = "\(count) character\(count == 1 ? "" : "s")"
        let lengthWidth = length.count
        let room = max(1, inside.width - lengthWidth - 2)
        var shown = Self.masked(state.key)
        if shown.count > room { shown = "…" + shown.suffix(room - 1) }
        let end = screen.draw(shown, style: theme.style(for: "input.text"), x: inside.x, y: inside.y, clip: inside)
        screen.draw(length, style: theme.style(for: "text.dim"), x: inside.maxX - lengthWidth, y: inside.y, clip: inside)
        screen.cursor = (min(end, inside.maxX - 1), inside.y)
    }

    static func masked(_ key: String) -> String {
        let count = key.count
        guard count >= 12 else { return String(repeating: "•", count: count) }
        return String(repeating: "•", count: count - 4) + key.suffix(4)
    }

    /// The status bar's look, as in the chat screen (the warning and error roles inherit its
    /// background).
    private func style(for severity: StatusMessage.Severity) -> Style {
        switch severity {
        case .info: return theme.style(for: "status.bar")
        case .warning: return theme.style(for: "status.warning")
        case .error: return theme.style(for: "status.error")
        }
    }
}
