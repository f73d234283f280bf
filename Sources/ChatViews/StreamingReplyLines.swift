import Foundation
import MarkdownRendering
import TerminalUI

/// The lines of replies that are still streaming, kept up to date from where the text grew
/// instead of rendered whole each frame: rendering all of a 20,000-token reply sixty times a
/// second costs what the reply has, not what arrived.
///
/// The result is always what `MarkdownRenderer.render(text, width:, theme:, streaming: true)`
/// gives for the whole text (ChatViewsTests compare the two on every prefix of sample replies):
/// - text before the last certain block start (`MarkdownLineScan`) is rendered once, in
///   pieces, since blocks are laid out one blank line apart;
/// - the complete lines after it are rendered again only when a new line completes;
/// - the unfinished last line is plain text, wrapped greedily: its finished display lines
///   stay as they are, and wrapping resumes at the start of its last one.
///
/// Only while streaming: a finished reply is rendered whole, once. Reference links defined
/// after their use, or raw HTML blocks with blank lines inside, may look different until then.
final class StreamingReplyLines {
    private var replies: [String: Progress] = [:]

    private struct Progress {
        let width: Int
        /// The text as last seen, as bytes: to tell growth from a rewrite, and to read only
        /// what is new.
        var seen: [UInt8] = []
        /// Where the complete lines read end (a UTF-8 offset, after a newline).
        var settledEnd = 0
        var scan = MarkdownLineScan()
        /// The last line read, for whether the unfinished one starts a block.
        var lastLine: Substring?
        /// Text before `frozenEnd` (a UTF-8 offset) is rendered in `frozen`: the blocks as
        /// rendered, with the blank lines between them, never joined into one array.
        var frozenEnd = 0
        var frozen: [[StyledLine]] = []
        /// The complete lines from `frozenEnd` to `settledEnd`, rendered.
        var live: [StyledLine] = []
        var liveEnd = 0
        /// The unfinished line from `settledEnd`: display lines before `resumeAt` are final.
        var unfinished: [StyledLine] = []
        var resumeAt = 0
        var resumeIsContinuation = false

        init(width: Int) { self.width = width }
    }

    /// The lines of reply `id` with text `text`, `width` columns wide.
    func lines(for id: String, text: String, width: Int, theme: Theme) -> [StyledLine] {
        pieces(for: id, text: text, width: width, theme: theme).joined
    }

    /// The same lines, in the pieces they are kept in: nothing is copied but what is new.
    func pieces(for id: String, text: String, width: Int, theme: Theme) -> LinePieces {
        // Taken out of the table while it changes, so its arrays grow in place, uncopied.
        var progress = replies.removeValue(forKey: id).flatMap { $0.width == width && Self.hasPrefix(text, $0.seen) ? $0 : nil } ?? Progress(width: width)
        defer { replies[id] = progress }
        Self.readCompleteLines(of: text, into: &progress, width: width, theme: theme)
        let utf8 = text.utf8
        let settledEnd = progress.settledEnd
        if progress.liveEnd != settledEnd {
            progress.live = MarkdownRenderer.render(String(Self.slice(text, progress.frozenEnd, settledEnd)), width: width, theme: theme)
            progress.liveEnd = settledEnd
        }
        var lines = LinePieces()
        for piece in progress.frozen { lines.append(piece) }
        guard settledEnd < utf8.count else {
            lines.appendBlock(progress.live)
            return lines
        }
        if progress.scan.insideFence {
            // The unfinished line is code: the open block is rendered with it, from its start.
            lines.appendBlock(MarkdownRenderer.render(String(Self.slice(text, progress.frozenEnd, utf8.count)), width: width, theme: theme, streaming: true))
            return lines
        }
        lines.appendBlock(progress.live)
        let startsBlock = progress.lastLine.map { $0.allSatisfy(\.isWhitespace) } ?? true
        if lines.count > 0, startsBlock { lines.append([LinePieces.blank]) }
        let unfinished = Self.wrapUnfinished(text, from: settledEnd, into: &progress, width: width, style: theme.style(for: .text))
        lines.append(unfinished.settled)
        lines.append(unfinished.last)
        return lines
    }

    /// Drops the replies that are no longer streaming.
    func keep(only ids: Set<String>) {
        replies = replies.filter { ids.contains($0.key) }
    }

    /// Reads the lines completed since the last frame (only the bytes that are new), and
    /// renders once what comes before the last certain block start among them.
    private static func readCompleteLines(of text: String, into progress: inout Progress, width: Int, theme: Theme) {
        var lineStart = progress.settledEnd
        var blockStart: Int?
        var index = progress.seen.count
        var previous = progress.seen.last ?? 0
        let new = text.utf8.dropFirst(index)
        progress.seen += new
        for byte in new {
            defer { index += 1; previous = byte }
            // "\r\n" is one character, not a line end (see MarkdownLineScan).
            guard byte == 0x0A, previous != 0x0D else { continue }
            let line = slice(text, lineStart, index)
            if progress.scan.read(line) { blockStart = lineStart }
            progress.lastLine = line
            lineStart = index + 1
        }
        progress.settledEnd = lineStart
        if let blockStart, blockStart > progress.frozenEnd {
            let piece = MarkdownRenderer.render(String(slice(text, progress.frozenEnd, blockStart)), width: width, theme: theme)
            if !piece.isEmpty {
                if !progress.frozen.isEmpty { progress.frozen.append([LinePieces.blank]) }
                progress.frozen.append(piece)
            }
            progress.frozenEnd = blockStart
            progress.liveEnd = -1
        }
    }

    /// The unfinished line as plain text, wrapped from the start of its last display line.
    /// Greedy wrapping restarts cleanly at any display line's start, so the lines before it
    /// are the same as when wrapping the whole line. `settled` are the display lines kept from
    /// earlier frames, `last` those wrapped now.
    private static func wrapUnfinished(_ text: String, from start: Int, into progress: inout Progress, width: Int, style: Style) -> (settled: [StyledLine], last: [StyledLine]) {
        if progress.resumeAt < start {
            progress.unfinished = []
            progress.resumeAt = start
            progress.resumeIsContinuation = false
        }
        let rest = String(slice(text, progress.resumeAt, text.utf8.count))
        let wrapped = TextWrapper.wrap(rest, width: width)
        let lines = wrapped.enumerated().map { index, line in
            StyledLine(spans: line.text.isEmpty ? [] : [StyledSpan(String(line.text), style: style)], columns: line.columns,
                       isContinuation: index == 0 ? progress.resumeIsContinuation : line.isContinuation)
        }
        guard let last = wrapped.last, lines.count > 1 else { return (progress.unfinished, lines) }
        // Grown in place before it is handed out: handed out first, it would be copied.
        progress.unfinished += lines.dropLast()
        progress.resumeAt += rest.utf8.distance(from: rest.startIndex, to: last.text.startIndex)
        progress.resumeIsContinuation = last.isContinuation
        return (progress.unfinished, [lines[lines.count - 1]])
    }

    private static func slice(_ text: String, _ from: Int, _ to: Int) -> Substring {
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: from)
        return text[start..<utf8.index(start, offsetBy: to - from)]
    }

    private static func hasPrefix(_ text: String, _ prefix: [UInt8]) -> Bool {
        let utf8 = text.utf8
        guard utf8.count >= prefix.count else { return false }
        guard !prefix.isEmpty else { return true }
        return utf8.withContiguousStorageIfAvailable { bytes in
            prefix.withUnsafeBufferPointer { memcmp($0.baseAddress!, bytes.baseAddress!, prefix.count) == 0 }
        } ?? utf8.starts(with: prefix)
    }
}
