import TerminalUI

/// Tables drawn with box characters. Columns take their widest cell's width, measured as the
/// screen draws it (`TextWidth`: CJK and emoji are two columns). When the table is wider than
/// the space, the widest columns shrink first, down to a shared cap, and cell text wraps inside
/// its column: nothing is cut off. A column narrower than one wide glyph truncates with `…`.
struct TableRenderer {
    let theme: Theme
    let measure: TextWidth

    func render(_ table: MarkdownTable, width: Int) -> [StyledLine] {
        let count = table.alignments.count
        guard count > 0, !table.rows.isEmpty else { return [] }
        let inline = InlineRenderer(theme: theme)
        let text = theme.style(for: .text)
        let header = text.layered(with: theme.style(for: .markdownTableHeader))
        let cells: [[[StyledSpan]]] = table.rows.enumerated().map { index, row in
            row.map { inline.spans($0, base: index == 0 ? header : text) }
        }
        var natural = Array(repeating: 1, count: count)
        for row in cells {
            for (column, spans) in row.enumerated() {
                natural[column] = max(natural[column], measure.columns(of: spans.map(\.text).joined()))
            }
        }
        // Each column costs its text plus " │ " around it; the first adds the left border.
        let widths = Self.fit(natural, into: width - (3 * count + 1))

        var lines = [border("┌", "┬", "┐", widths)]
        for (index, row) in cells.enumerated() {
            lines += self.row(row, widths: widths, alignments: table.alignments)
            if index == 0, cells.count > 1 { lines.append(border("├", "┼", "┤", widths)) }
        }
        lines.append(border("└", "┴", "┘", widths))
        return lines
    }

    /// Column widths that sum to at most `available`: the largest cap that fits, with what is
    /// left over given to the capped columns one column each. Never below 1.
    static func fit(_ natural: [Int], into available: Int) -> [Int] {
        guard natural.reduce(0, +) > available else { return natural }
        var low = 1, high = natural.max() ?? 1
        while low < high {
            let cap = (low + high + 1) / 2
            if natural.reduce(0, { $0 + min($1, cap) }) <= available { low = cap } else { high = cap - 1 }
        }
        var widths = natural.map { min($0, low) }
        var spare = available - widths.reduce(0, +)
        for index in widths.indices where spare > 0 && natural[index] > widths[index] {
            widths[index] += 1
            spare -= 1
        }
        return widths
    }

    private func border(_ left: String, _ middle: String, _ right: String, _ widths: [Int]) -> StyledLine {
        let text = left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right
        let columns = widths.reduce(0, +) + 3 * widths.count + 1
        return StyledLine(spans: [StyledSpan(text, style: theme.style(for: .markdownTableBorder))], columns: columns)
    }

    private func row(_ row: [[StyledSpan]], widths: [Int], alignments: [MarkdownTable.Alignment]) -> [StyledLine] {
        let wrapped = zip(row, widths).map { spans, width in
            TextWrapper.wrap(spans, width: width, measure: measure).map { line in
                guard line.columns > width else { return (spans: line.spans, columns: line.columns) }
                let cut = measure.truncate(line.spans, to: width)
                return (spans: cut, columns: measure.columns(of: cut.map(\.text).joined()))
            }
        }
        let height = wrapped.map(\.count).max() ?? 1
        let borderStyle = theme.style(for: .markdownTableBorder)
        let plain = theme.style(for: .text)
        return (0..<height).map { lineIndex in
            var spans = [StyledSpan("│", style: borderStyle)]
            for (column, cell) in wrapped.enumerated() {
                let (content, used) = lineIndex < cell.count ? cell[lineIndex] : ([], 0)
                let free = max(0, widths[column] - used)
                let before: Int
                switch alignments[column] {
                case .left: before = 0
                case .right: before = free
                case .center: before = free / 2
                }
                spans.append(StyledSpan(String(repeating: " ", count: 1 + before), style: plain))
                spans += content
                spans.append(StyledSpan(String(repeating: " ", count: 1 + free - before), style: plain))
                spans.append(StyledSpan("│", style: borderStyle))
            }
            let columns = widths.reduce(0, +) + 3 * widths.count + 1
            return StyledLine(spans: spans, columns: columns)
        }
    }
}
