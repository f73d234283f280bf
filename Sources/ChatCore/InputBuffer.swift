/// The message being typed: text, a caret, and the Emacs-style editing people expect from a
/// terminal (Ctrl-A/E/K/U/W/Y, Alt-B/F). Pure value; the caret counts grapheme clusters.
public struct InputBuffer: Sendable, Equatable {
    public private(set) var text: String = ""
    /// Caret position, in characters from the start.
    public private(set) var caret: Int = 0
    /// The last killed text, for Ctrl-Y.
    public private(set) var killRing: String = ""

    public init(text: String = "") {
        self.text = text
        caret = text.count
    }

    public var isEmpty: Bool { text.isEmpty }

    public mutating func insert(_ string: String) {
        let index = text.index(text.startIndex, offsetBy: caret)
        text.insert(contentsOf: string, at: index)
        caret += string.count
    }

    public mutating func backspace() {
        guard caret > 0 else { return }
        remove(from: caret - 1, to: caret)
    }

    public mutating func deleteForward() {
        guard caret < text.count else { return }
        remove(from: caret, to: caret + 1)
    }

    public mutating func moveLeft() { caret = max(0, caret - 1) }
    public mutating func moveRight() { caret = min(text.count, caret + 1) }

    /// Ctrl-A: to the start of the current line.
    public mutating func moveToLineStart() { caret = lineStart(of: caret) }
    /// Ctrl-E: to the end of the current line.
    public mutating func moveToLineEnd() { caret = lineEnd(of: caret) }

    /// Alt-B / Ctrl-Left: to the start of the previous word.
    public mutating func moveWordLeft() { caret = previousWordStart(from: caret) }
    /// Alt-F / Ctrl-Right: past the end of the next word.
    public mutating func moveWordRight() {
        let characters = Array(text)
        var index = caret
        while index < characters.count, !characters[index].isWordCharacter { index += 1 }
        while index < characters.count, characters[index].isWordCharacter { index += 1 }
        caret = index
    }

    /// Ctrl-K: kill to the end of the line (the newline itself when already there).
    public mutating func killToLineEnd() {
        let end = lineEnd(of: caret)
        let stop = end == caret && end < text.count ? end + 1 : end
        kill(from: caret, to: stop)
    }

    /// Ctrl-U: kill to the start of the line.
    public mutating func killToLineStart() { kill(from: lineStart(of: caret), to: caret) }

    /// Ctrl-W: kill the word before the caret.
    public mutating func killWordBackward() { kill(from: previousWordStart(from: caret), to: caret) }

    /// Ctrl-Y: insert the last killed text.
    public mutating func yank() { insert(killRing) }

    /// Up or down `lines` lines, keeping the column where the line is long enough.
    public mutating func moveLine(by lines: Int) {
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false).map(\.count)
        let (line, column) = caretLineAndColumn
        let target = min(max(line + lines, 0), rows.count - 1)
        let start = rows.prefix(target).reduce(0) { $0 + $1 + 1 }
        caret = start + min(column, rows[target])
    }

    public mutating func replaceAll(_ string: String) {
        text = string
        caret = string.count
    }

    /// The caret's line and column (in characters), for drawing.
    public var caretLineAndColumn: (line: Int, column: Int) {
        let before = text.prefix(caret)
        let line = before.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
        let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0)
        return (line, column)
    }

    public var isCaretOnFirstLine: Bool { !text.prefix(caret).contains("\n") }
    public var isCaretOnLastLine: Bool { !text.dropFirst(caret).contains("\n") }

    // MARK: Helpers

    private mutating func kill(from start: Int, to end: Int) {
        guard start < end else { return }
        killRing = String(Array(text)[start..<end])
        remove(from: start, to: end)
    }

    private mutating func remove(from start: Int, to end: Int) {
        let lower = text.index(text.startIndex, offsetBy: start)
        let upper = text.index(text.startIndex, offsetBy: end)
        text.removeSubrange(lower..<upper)
        caret = start
    }

    private func lineStart(of position: Int) -> Int {
        let characters = Array(text)
        var index = position
        while index > 0, characters[index - 1] != "\n" { index -= 1 }
        return index
    }

    private func lineEnd(of position: Int) -> Int {
        let characters = Array(text)
        var index = position
        while index < characters.count, characters[index] != "\n" { index += 1 }
        return index
    }

    private func previousWordStart(from position: Int) -> Int {
        let characters = Array(text)
        var index = position
        while index > 0, !characters[index - 1].isWordCharacter { index -= 1 }
        while index > 0, characters[index - 1].isWordCharacter { index -= 1 }
        return index
    }
}

extension Character {
    fileprivate var isWordCharacter: Bool { isLetter || isNumber || self == "_" }
}
