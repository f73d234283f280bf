import TerminalUI

/// Code blocks: a language label line, then the code on its own background, every line padded
/// to the full width so the block reads as one box.
///
/// Code is never re-wrapped at spaces (that would move indentation and swallow spaces). A line
/// longer than the width is cut where the width runs out, and each continuation starts with a
/// dim `↪` marker and is flagged `isContinuation`; nothing is lost, and a cut cannot be mistaken
/// for a line of the source. Tabs become spaces first, so the cut lines up with what is drawn.
struct CodeBlockRenderer {
    let theme: Theme
    let measure: TextWidth

    static let continuationMarker = "↪"

    func render(language: String, code: String, width: Int) -> [StyledLine] {
        let block = theme.style(for: .markdownCodeBlock)
        let markerStyle = block.layered(with: theme.style(for: .markdownCodeLabel))
        var lines: [StyledLine] = []
        if !language.isEmpty {
            let label = measure.truncate(language, to: width)
            lines.append(padded([StyledSpan(label, style: markerStyle)], columns: measure.columns(of: label), width: width, style: block))
        }
        var source = code
        if source.hasSuffix("\n") { source.removeLast() }
        for sourceLine in source.split(separator: "\n", omittingEmptySubsequences: false) {
            var text = expandingTabs(sourceLine)
            if text.hasSuffix("\r") { text.removeLast() }
            let pieces = cut(text, first: width, rest: max(1, width - 1))
            for (index, piece) in pieces.enumerated() {
                if index == 0 {
                    lines.append(padded([StyledSpan(piece.text, style: block)], columns: piece.columns, width: width, style: block))
                } else {
                    let spans = [StyledSpan(Self.continuationMarker, style: markerStyle), StyledSpan(piece.text, style: block)]
                    var line = padded(spans, columns: piece.columns + 1, width: width, style: block)
                    line.isContinuation = true
                    lines.append(line)
                }
            }
        }
        return lines
    }

    private func padded(_ spans: [StyledSpan], columns: Int, width: Int, style: Style) -> StyledLine {
        guard columns < width else { return StyledLine(spans: spans, columns: columns) }
        return StyledLine(spans: spans + [StyledSpan(String(repeating: " ", count: width - columns), style: style)], columns: width)
    }

    private func expandingTabs(_ line: Substring) -> String {
        guard line.contains("\t") else { return String(line) }
        var result = ""
        var column = 0
        for character in line {
            if character == "\t" {
                let spaces = TextWidth.tabStop - column % TextWidth.tabStop
                result += String(repeating: " ", count: spaces)
                column += spaces
            } else {
                result.append(character)
                column += measure.columns(of: character, atColumn: column)
            }
        }
        return result
    }

    /// Cuts `text` into pieces of at most `first` columns, then `rest`; a wide grapheme that
    /// does not fit moves to the next piece whole.
    private func cut(_ text: String, first: Int, rest: Int) -> [(text: String, columns: Int)] {
        var pieces: [(text: String, columns: Int)] = []
        var current = ""
        var columns = 0
        var limit = first
        for character in text {
            let width = measure.columns(of: character, atColumn: columns)
            if columns + width > limit, !current.isEmpty {
                pieces.append((current, columns))
                (current, columns, limit) = ("", 0, rest)
            }
            current.append(character)
            columns += width
        }
        pieces.append((current, columns))
        return pieces
    }
}
