import ChatCore
import ChatStore
import Foundation
import MarkdownRendering
import TerminalUI

/// The current conversation's messages, newest at the bottom.
///
/// Each message becomes styled lines wrapped to the pane's width, cached per message, revision
/// and width, and only the messages that reach the visible window are looked at: a frame costs
/// what is on screen, not the history.
struct MessagePaneView {
    let state: AppState
    let theme: Theme
    let cache: WrapCache<String, [StyledLine]>
    let streaming: StreamingReplyLines
    let times: MessageTimeLabels
    let now: Date

    /// What the pane shows: a hint when no conversation is open, else the line on each row
    /// (nil above the first message) and the "new below" marker while scrolled up.
    struct Content: Equatable {
        enum Body: Equatable {
            case hint(String)
            case rows([StyledLine?])
        }

        var rect: Rect
        var body: Body
        var marker: String?
    }

    func content(in rect: Rect) -> Content {
        guard let conversation = state.current else {
            return Content(rect: rect, body: .hint("Type a message and press Enter. Ctrl-B: choose the bot (\(state.currentBot)). F1: keys."))
        }
        let width = max(1, rect.width - 2)
        let scrollBack = state.scrollBack[conversation.id] ?? 0
        // Walk back from the newest message until the window (plus what is scrolled past) is full.
        var window: [StyledLine] = []
        let needed = rect.height + scrollBack
        for message in conversation.messages.reversed() {
            // Only the lines that can show: a long reply has thousands.
            window.insert(contentsOf: lines(for: message, width: width, last: needed - window.count), at: 0)
            if window.count >= needed { break }
        }
        let end = max(0, window.count - scrollBack)
        let visible = window[max(0, end - rect.height)..<end]
        let rows = [StyledLine?](repeating: nil, count: rect.height - visible.count) + visible.map { Optional($0) }
        var marker: String?
        if scrollBack > 0 {
            marker = state.isStreaming(conversation.id) ? " ↓ new below — End follows " : " ↓ End: back to the newest "
        }
        return Content(rect: rect, body: .rows(rows), marker: marker)
    }

    /// Draws `content`. Given the last frame's pane and screen, which `screen` must start as, a
    /// row whose line is unchanged, or only moved up as a reply grew, is kept or copied from
    /// that frame instead of drawn again: a streamed frame draws the rows that changed.
    func draw(_ content: Content, over previous: (content: Content, screen: Screen)? = nil, on screen: inout Screen) {
        let rect = content.rect
        let text = theme.style(for: "text")
        guard case .rows(let rows) = content.body else {
            screen.fill(rect, style: text)
            if case .hint(let hint) = content.body {
                screen.draw(hint, style: theme.style(for: "text.dim"), x: rect.x + 1, y: rect.y + 1, clip: rect)
            }
            return
        }
        // Rows of the last frame that hold just their line: not the one under its marker.
        var old: [StyledLine?] = []
        if let previous, previous.content.rect == rect, case .rows(let rows) = previous.content.body {
            old = previous.content.marker == nil ? rows : Array(rows.dropLast())
        }
        let shift = Self.shift(from: old, to: rows)
        let lastRow = content.marker == nil ? rows.count : rows.count - 1
        for (offset, line) in rows.enumerated() {
            let y = rect.y + offset
            if offset < lastRow, let previous {
                if offset < old.count, old[offset] == line {
                    continue  // the screen starts as the last frame: this row is there already
                }
                if shift > 0, offset + shift < old.count, old[offset + shift] == line {
                    screen.copyRow(previous.screen, fromY: y + shift, toY: y, x: rect.x, width: rect.width)
                    continue
                }
            }
            screen.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: text)
            if let line { screen.draw(line.spans, x: rect.x + 1, y: y, clip: rect) }
        }
        if let marker = content.marker {
            let columns = TextWidth.standard.columns(of: marker)
            screen.draw(marker, style: theme.style(for: "new.below"), x: rect.maxX - columns - 1, y: rect.maxY - 1, clip: rect)
        }
    }

    /// How many rows the text moved up since the last frame: the distance to the old row
    /// holding the new top row's line (0 when none does).
    static func shift(from old: [StyledLine?], to new: [StyledLine?]) -> Int {
        guard let top = new.firstIndex(where: { $0 != nil && $0?.spans.isEmpty == false }) else { return 0 }
        for index in (top + 1)..<max(top + 1, old.count) where old[index] == new[top] {
            return index - top
        }
        return 0
    }

    /// The last `limit` display lines of a message: who and when, the text, then its
    /// suggestions, files and how it ended when that was not a plain completion.
    ///
    /// A finished message is wrapped once per width and revision, and cached. A streaming
    /// reply changes every frame: it is put together from its pieces and only the lines asked
    /// for are copied, so a frame costs the same at its 20,000th token as at its first.
    private func lines(for message: ChatMessage, width: Int, last limit: Int) -> ArraySlice<StyledLine> {
        // The time's label is part of the revision: "14:05" becomes a date after midnight.
        let time = times.label(for: message.createdAt, now: now)
        if message.status == .streaming {
            return build(message, time: time, width: width).suffix(limit)[...]
        }
        var hasher = Hasher()
        hasher.combine(time)
        // Not the whole text: a reply can be hundreds of kilobytes. Its length and both ends
        // change with any append or replacement in practice.
        let content = message.content.utf8
        hasher.combine(content.count)
        hasher.combine(String(decoding: content.prefix(256), as: UTF8.self))
        hasher.combine(String(decoding: content.suffix(256), as: UTF8.self))
        hasher.combine(message.status)
        hasher.combine(message.suggestedReplies)
        hasher.combine(message.files)
        hasher.combine(message.attachments)
        hasher.combine(message.error)
        return cache.lines(for: message.id, revision: hasher.finalize(), width: width) {
            build(message, time: time, width: width).joined
        }.suffix(limit)
    }

    /// `📎 name (type, size, …)` for a file sent or received.
    private func fileLine(_ name: String, _ details: [String?], width: Int) -> [StyledLine] {
        let known = details.compactMap { $0 }.filter { !$0.isEmpty }
        return TextWrapper.wrap([StyledSpan("  📎 \(name) (\(known.joined(separator: ", ")))", style: theme.style(for: "chip"))], width: width)
    }

    private func build(_ message: ChatMessage, time: String, width: Int) -> LinePieces {
        var pieces = LinePieces()
        let who = message.role == .user ? "You" : (message.bot ?? "Bot")
        let nameRole: ThemeRole = message.role == .user ? "message.user.name" : "message.bot.name"
        pieces.append(TextWrapper.wrap([StyledSpan(who, style: theme.style(for: nameRole)),
                                        StyledSpan("  " + time, style: theme.style(for: "message.time"))], width: width))
        if message.content.isEmpty, message.status == .streaming {
            pieces.append(TextWrapper.wrap([StyledSpan("…", style: theme.style(for: "text.dim"))], width: width))
        } else if message.role == .bot, message.contentType != "text/plain" {
            // Replies are markdown, rendered as they stream (from where they grew).
            let markdown = InlineFileReferences.resolve(message.content, files: message.files)
            if message.status == .streaming {
                pieces.append(streaming.pieces(for: message.id, text: markdown, width: width, theme: theme))
            } else {
                pieces.append(MarkdownRenderer.render(markdown, width: width, theme: theme))
            }
        } else {
            // What the user typed is shown as typed.
            for paragraph in message.content.split(separator: "\n", omittingEmptySubsequences: false) {
                pieces.append(TextWrapper.wrap([StyledSpan(String(paragraph), style: theme.style(for: "text"))], width: width))
            }
        }
        pieces.append(footer(message, width: width))
        return pieces
    }

    private func footer(_ message: ChatMessage, width: Int) -> [StyledLine] {
        var lines: [StyledLine] = []
        for file in message.attachments {
            lines += fileLine(file.name, [file.contentType, file.size.map(ByteSize.format)], width: width)
        }
        for (index, suggestion) in message.suggestedReplies.enumerated() {
            lines += TextWrapper.wrap([StyledSpan("  \(index + 1). \(suggestion)", style: theme.style(for: "chip"))], width: width)
        }
        for file in message.files {
            lines += fileLine(file.name, [file.contentType, file.size.map(ByteSize.format), file.savedPath.map { "saved: \($0)" }], width: width)
        }
        if !message.files.isEmpty, message.status != .streaming {
            lines += TextWrapper.wrap([StyledSpan("    Alt-S saves · Alt-O opens", style: theme.style(for: "text.dim"))], width: width)
        }
        switch message.status {
        case .cancelled:
            lines += TextWrapper.wrap([StyledSpan("  ■ stopped", style: theme.style(for: "message.stopped"))], width: width)
        case .interrupted:
            lines += TextWrapper.wrap([StyledSpan("  ■ interrupted (poe-tui was closed while this streamed)", style: theme.style(for: "message.stopped"))], width: width)
        case .error:
            let text = message.error?.text ?? "failed"
            lines += TextWrapper.wrap([StyledSpan("  ✗ \(text)", style: theme.style(for: "message.error"))], width: width)
            if let error = message.error {
                lines += TextWrapper.wrap([StyledSpan("    \(ErrorAdvice.advice(for: error))", style: theme.style(for: "text.dim"))], width: width)
            }
        case .complete, .streaming:
            break
        }
        lines.append(StyledLine(spans: [], columns: 0))
        return lines
    }
}
