import ChatCore
import Foundation
import TerminalUI

/// Draws the whole interface for a state into a `Screen`. Owns the wrap cache and the last
/// frame, so it belongs to the render loop.
///
/// A frame starts as the last one: the list, the input box and the status line are drawn again
/// only when what they show changed, and the message pane only in the rows that changed. Views
/// gather what they show into a `Content` value first; equal content draws equal cells.
public final class ChatRenderer {
    public var theme: Theme {
        didSet { last = nil }
    }
    private let messageLines = WrapCache<String, [StyledLine]>(capacity: 8192)
    private let streamingReplies = StreamingReplyLines()
    private let times: MessageTimeLabels
    private let clock: () -> Date
    /// The last frame and what its parts showed; nil when it cannot be built on (none yet, an
    /// overlay covered it, too small).
    private var last: LastFrame?
    /// The frame before the last: by the time the next frame is made, the terminal has let go
    /// of it, so its storage is reused for that frame.
    private var spare: Screen?

    private struct LastFrame {
        var screen: Screen
        var list: ConversationListView.Content?
        var pane: MessagePaneView.Content
        var input: InputBoxView.Content
        var status: StatusLineView.Content
    }

    /// `times` and `clock` decide how message times read ("today" is the clock's day in the
    /// format's time zone); tests fix both so a screen is the same on every machine and day.
    public init(theme: Theme, times: MessageTimeFormat = MessageTimeFormat(), clock: @escaping () -> Date = Date.init) {
        self.theme = theme
        self.times = MessageTimeLabels(format: times)
        self.clock = clock
    }

    /// Messages wrapped since the renderer was made (for tests and the performance log).
    public var wraps: Int { messageLines.misses }

    /// `frame` advances spinners; the loop bumps it only while something streams.
    public func render(_ state: AppState, frame: Int = 0) -> Screen {
        let inputWidth = state.width - ChatLayout.listColumns(width: state.width)
        let chips = AttachmentChips(state: state, theme: theme).lines(width: inputWidth - 3)
        let layout = ChatLayout(width: state.width, height: state.height,
                                inputLines: InputBoxView.lines(for: state, width: inputWidth, chips: chips.count))
        guard !layout.tooSmall else {
            last = nil
            var screen = Screen(width: state.width, height: state.height)
            screen.fill(screen.bounds, style: theme.style(for: "text"))
            let notice = "Terminal too small (\(state.width)x\(state.height)); poe-tui needs \(ChatLayout.minimumWidth)x\(ChatLayout.minimumHeight)."
            for (offset, line) in TextWrapper.wrap(notice, width: max(1, state.width)).enumerated() where offset < state.height {
                screen.draw(line.text, style: theme.style(for: "text"), x: 0, y: offset)
            }
            return screen
        }
        let previous = last.flatMap { $0.screen.width == state.width && $0.screen.height == state.height ? $0 : nil }
        var screen: Screen
        if let previous {
            screen = spare ?? previous.screen
            spare = nil
            screen.overwrite(with: previous.screen)
        } else {
            screen = Screen(width: state.width, height: state.height)
        }

        let list = layout.list.map { ConversationListView.Content(state: state, frame: frame, rect: $0) }
        if let list, list != previous?.list {
            ConversationListView(content: list, theme: theme).draw(over: previous?.list, on: &screen)
        }
        let paneView = MessagePaneView(state: state, theme: theme, cache: messageLines, streaming: streamingReplies, times: times, now: clock())
        let pane = paneView.content(in: layout.messages)
        if pane != previous?.pane {
            paneView.draw(pane, over: previous.map { ($0.pane, $0.screen) }, on: &screen)
        }
        streamingReplies.keep(only: Set(state.streams.values))
        let input = InputBoxView.Content(state: state, rect: layout.input, chips: chips)
        if input != previous?.input {
            InputBoxView(content: input, theme: theme).draw(on: &screen)
        }
        let status = StatusLineView.Content(state: state, rect: layout.status)
        if status != previous?.status {
            StatusLineView(content: status, theme: theme).draw(on: &screen)
        }
        // Overlays draw over everything: the frame after one is drawn whole.
        spare = previous?.screen
        last = state.overlay == nil ? LastFrame(screen: screen, list: list, pane: pane, input: input, status: status) : nil
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
