import TerminalUI

/// Display lines kept in the arrays they were made in, joined only where they are read: the
/// settled part of a long streaming reply is not copied every frame, and the pane reads only
/// the last screenful.
struct LinePieces {
    private(set) var pieces: [[StyledLine]] = []
    private(set) var count = 0

    /// The blank line MarkdownRenderer puts between blocks.
    static let blank = StyledLine(spans: [], columns: 0)

    mutating func append(_ lines: [StyledLine]) {
        guard !lines.isEmpty else { return }
        pieces.append(lines)
        count += lines.count
    }

    mutating func append(_ other: LinePieces) {
        for piece in other.pieces { append(piece) }
    }

    /// A rendered block after the ones before it, one blank line apart, as blocks are laid out.
    mutating func appendBlock(_ lines: [StyledLine]) {
        guard !lines.isEmpty else { return }
        if count > 0 { append([Self.blank]) }
        append(lines)
    }

    /// The last `limit` lines (all of them when there are fewer).
    func suffix(_ limit: Int) -> [StyledLine] {
        var result: [StyledLine] = []
        var remaining = max(0, limit)
        var taken: [ArraySlice<StyledLine>] = []
        for piece in pieces.reversed() where remaining > 0 {
            let part = piece.suffix(remaining)
            taken.append(part)
            remaining -= part.count
        }
        result.reserveCapacity(limit - remaining)
        for part in taken.reversed() { result += part }
        return result
    }

    var joined: [StyledLine] {
        suffix(count)
    }
}
