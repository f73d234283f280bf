import ChatCore
import Foundation
import TerminalUI

/// Draws the whole interface for a state into a fresh `Screen`. Owns the wrap cache, so it
/// belongs to the render loop.
public final class ChatRenderer {
    public var theme: Theme
    private let messageLines = WrapCache<String, [StyledLine]>(capacity: 8192)
    private let streamingReplies = StreamingReplyLines()
    private let times: MessageTimeFormat
    private let clock: () -> Date

    /// `times` and `clock` decide how message times read ("today" is the clock's day in the
    /// format's time zone); tests fix both so a screen is the same on every machine and day.
    public init(theme: Theme, times: MessageTimeFormat = MessageTimeFormat(), clock: @escaping () -> Date = Date.init) {
        self.theme = theme
        self.times = times
        self.clock = clock
    }

    /// Messages wrapped since the renderer was made (for tests and the performance log).
    public var wraps: Int { messageLines.misses }

    /// `frame` advances spinners; the loop bumps it only while something streams.
    public func render(_ state: AppState, frame: Int = 0) -> Screen {
        var screen = Screen(width: state.width, height: state.height)
        let inputLines = InputBoxView.lines(for: state, width: state.width - (state.width >= 80 ? ChatLayout.listWidth : 0), theme: theme)
        let layout = ChatLayout(width: state.width, height: state.height, inputLines: inputLines)
        guard !layout.tooSmall else {
            screen.fill(screen.bounds, style: theme.style(for: "text"))
            let notice = "Terminal too small (\(state.width)x\(state.height)); poe-tui needs \(ChatLayout.minimumWidth)x\(ChatLayout.minimumHeight)."
            for (offset, line) in TextWrapper.wrap(notice, width: max(1, state.width)).enumerated() where offset < state.height {
                screen.draw(line.text, style: theme.style(for: "text"), x: 0, y: offset)
            }
            return screen
        }
        if let list = layout.list {
            ConversationListView(state: state, theme: theme, frame: frame).draw(in: list, on: &screen)
        }
        MessagePaneView(state: state, theme: theme, cache: messageLines, streaming: streamingReplies, times: times, now: clock())
            .draw(in: layout.messages, on: &screen)
        streamingReplies.keep(only: Set(state.streams.values))
        InputBoxView(state: state, theme: theme).draw(in: layout.input, on: &screen)
        StatusLineView(state: state, theme: theme).draw(in: layout.status, on: &screen)
        switch state.overlay {
        case .help(let scroll):
            HelpOverlay(keyMap: state.keyMap, theme: theme, scroll: scroll).draw(in: screen.bounds, on: &screen)
            screen.cursor = nil
        case .botPicker(let picker):
            BotPickerOverlay(state: state, picker: picker, theme: theme).draw(in: screen.bounds, on: &screen)
        case .rename(let buffer):
            PromptOverlay(title: "Rename — Enter keeps, Esc cancels", text: buffer.text, caret: buffer.caret, theme: theme)
                .draw(in: screen.bounds, on: &screen)
        case .confirmDelete:
            PromptOverlay(title: "Delete this conversation?", text: "y: move it to the trash (restorable 30 days) · any other key: keep it",
                          caret: nil, theme: theme).draw(in: screen.bounds, on: &screen)
        case .filePicker(let picker):
            FilePickerOverlay(picker: picker, theme: theme).draw(in: screen.bounds, on: &screen)
        case .files(let selection):
            FilesOverlay(state: state, selection: selection, theme: theme).draw(in: screen.bounds, on: &screen)
            screen.cursor = nil
        case nil:
            break
        }
        return screen
    }
}
