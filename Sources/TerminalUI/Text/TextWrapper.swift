/// Cuts text into display lines of at most a given width, on grapheme clusters.
///
/// Breaks go after a run of spaces (the spaces vanish into the break), or between East Asian
/// wide characters and emoji, which need no spaces, except before punctuation or after an
/// opening bracket. A word longer than the width is broken where the width runs out. A wide
/// grapheme is never split: if it does not fit, it starts the next line, and the line it left
/// is one column short. A grapheme wider than the whole width gets a line of its own (the
/// painter shows a blank there). Leading spaces are kept, so indented code stays indented.
///
/// - Important: `"\n"` and `"\r\n"` end a source line; every source line gives at least one
///   display line, so `"a\n"` gives two and `""` one empty line.
public enum TextWrapper {
    public static func wrap(_ text: String, width: Int, measure: TextWidth = .standard) -> [WrappedLine] {
        var lines: [WrappedLine] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        // A newline is always a grapheme of its own (or the end of "\r\n"), so scanning bytes
        // finds the same breaks as scanning graphemes, much faster.
        while true {
            let newline = utf8[start...].firstIndex(of: 0x0A) ?? utf8.endIndex
            var end = newline
            if end > start, utf8[utf8.index(before: end)] == 0x0D, newline < utf8.endIndex { end = utf8.index(before: end) }
            ParagraphWrapper(paragraph: text[start..<end], width: max(1, width), measure: measure).wrap(into: &lines)
            guard newline < utf8.endIndex else { break }
            start = utf8.index(after: newline)
        }
        return lines
    }
}

/// Wraps one source line: greedy, remembering the last place a break may go.
struct ParagraphWrapper {
    let paragraph: Substring
    let width: Int
    let measure: TextWidth

    /// Where the line may end and the next begin.
    private struct BreakPoint {
        var end: String.Index
        var endColumn: Int
        var resume: String.Index
    }

    func wrap(into lines: inout [WrappedLine]) {
        let isPrintableASCII = paragraph.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        if isPrintableASCII, paragraph.utf8.count <= width {
            lines.append(WrappedLine(text: paragraph, columns: paragraph.utf8.count, isContinuation: false))
        } else if isPrintableASCII {
            wrapASCII(into: &lines)
        } else {
            wrapGraphemes(into: &lines)
        }
    }

    /// The same rules on bytes, for printable ASCII (one column each, breaks only at spaces):
    /// most text, at a fraction of the cost of walking graphemes.
    func wrapASCII(into lines: inout [WrappedLine]) {
        let bytes = Array(paragraph.utf8)
        let count = bytes.count
        let space = UInt8(ascii: " ")
        var lineStart = 0
        var isContinuation = false
        func emit(_ end: Int) {
            let utf8 = paragraph.utf8
            let from = utf8.index(utf8.startIndex, offsetBy: lineStart), to = utf8.index(utf8.startIndex, offsetBy: end)
            lines.append(WrappedLine(text: paragraph[from..<to], columns: end - lineStart, isContinuation: isContinuation))
            isContinuation = true
        }
        while count - lineStart > width {
            let overflow = lineStart + width  // the first byte that does not fit
            if bytes[overflow] == space {
                var runStart = overflow
                while runStart > lineStart, bytes[runStart - 1] == space { runStart -= 1 }
                if runStart > lineStart {
                    emit(runStart)
                    var next = overflow
                    while next < count, bytes[next] == space { next += 1 }
                    if next == count { return }
                    lineStart = next
                } else {
                    emit(overflow)
                    lineStart = overflow
                }
                continue
            }
            // The last word start after a space run that does not begin the line.
            var wordStart = overflow
            var runStart = -1
            while wordStart > lineStart {
                if bytes[wordStart - 1] == space {
                    runStart = wordStart - 1
                    while runStart > lineStart, bytes[runStart - 1] == space { runStart -= 1 }
                    if runStart > lineStart { break }
                    runStart = -1
                    wordStart = lineStart
                    break
                }
                wordStart -= 1
            }
            if runStart > lineStart {
                emit(runStart)
                lineStart = wordStart
            } else {
                emit(overflow)
                lineStart = overflow
            }
        }
        emit(count)
    }

    func wrapGraphemes(into lines: inout [WrappedLine]) {
        var lineStart = paragraph.startIndex
        var column = 0
        var isContinuation = false
        var breakPoint: BreakPoint?
        var spaceRun: (start: String.Index, column: Int)?
        var previous: (character: Character, width: Int)?
        var index = paragraph.startIndex

        func emit(upTo end: String.Index, columns: Int) {
            lines.append(WrappedLine(text: paragraph[lineStart..<end], columns: columns, isContinuation: isContinuation))
            isContinuation = true
            breakPoint = nil
        }

        while index < paragraph.endIndex {
            let character = paragraph[index]
            var width = measure.columns(of: character, atColumn: column)
            let fits = column + width <= self.width || index == lineStart

            if Self.isSpace(character) {
                if spaceRun == nil { spaceRun = (index, column) }
                if !fits, let run = spaceRun, run.start > lineStart {
                    // The line ends before the spaces; the spaces vanish into the break.
                    emit(upTo: run.start, columns: run.column)
                    var next = index
                    while next < paragraph.endIndex, Self.isSpace(paragraph[next]) { next = paragraph.index(after: next) }
                    guard next < paragraph.endIndex else { return }
                    (lineStart, index, column, spaceRun, previous) = (next, next, 0, nil, nil)
                    continue
                }
                if !fits {
                    // Indentation wider than the line: the spaces themselves wrap.
                    emit(upTo: index, columns: column)
                    (lineStart, column, spaceRun, previous) = (index, 0, (index, 0), nil)
                    width = measure.columns(of: character, atColumn: 0)
                }
                column += width
                previous = (character, width)
                index = after(index, character)
                continue
            }

            if let run = spaceRun {
                if run.start > lineStart { breakPoint = BreakPoint(end: run.start, endColumn: run.column, resume: index) }
                spaceRun = nil
            } else if let previous, index > lineStart, Self.allowsBreak(after: previous, before: character, width: width) {
                breakPoint = BreakPoint(end: index, endColumn: column, resume: index)
            }

            if !fits {
                if let point = breakPoint, point.end > lineStart {
                    emit(upTo: point.end, columns: point.endColumn)
                    lineStart = point.resume
                    column = measure.columns(of: paragraph[point.resume..<index])
                    previous = point.resume < index ? last(before: index) : nil
                } else {
                    emit(upTo: index, columns: column)
                    (lineStart, column, previous) = (index, 0, nil)
                }
                continue  // measure the character again at the start of the new line
            }
            column += width
            previous = (character, width)
            index = after(index, character)
        }
        lines.append(WrappedLine(text: paragraph[lineStart...], columns: column, isContinuation: isContinuation))
    }

    /// The index after `character` at `index`: `index(after:)` would find the grapheme's end
    /// a second time.
    private func after(_ index: String.Index, _ character: Character) -> String.Index {
        paragraph.utf8.index(index, offsetBy: character.utf8.count)
    }

    private func last(before index: String.Index) -> (character: Character, width: Int) {
        let character = paragraph[paragraph.index(before: index)]
        return (character, measure.columns(of: character))
    }

    static func isSpace(_ character: Character) -> Bool {
        // Scalar tests: comparing Characters goes through string comparison, and this runs
        // for every grapheme.
        let scalars = character.unicodeScalars
        guard let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else { return false }
        return first == " " || first == "\t" || first == "\u{3000}"
    }

    /// Wide text breaks anywhere, except before punctuation (。、」 and ASCII alike) and after
    /// an opening bracket.
    static func allowsBreak(after previous: (character: Character, width: Int), before character: Character, width: Int) -> Bool {
        guard width == 2 || previous.width == 2, !isPunctuation(character) else { return false }
        return isIdeographic(previous.character) || previous.character.unicodeScalars.first?.properties.generalCategory != .openPunctuation
    }

    private static func isPunctuation(_ character: Character) -> Bool {
        !isIdeographic(character) && character.isPunctuation
    }

    /// Ideographs, kana and Hangul syllables: never punctuation, and cheaper to recognise than
    /// to look up.
    private static func isIdeographic(_ character: Character) -> Bool {
        guard let value = character.unicodeScalars.first?.value else { return false }
        return ScalarKind.isCommonWide(value)
    }
}
