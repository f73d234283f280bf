import TerminalUI

extension Array where Element == StyledLine {
    /// Puts `first` before the first line and `rest` before every other one: how list markers
    /// hang and quote gutters run down their block. Empty lines get `rest` without its trailing
    /// spaces, so a quote's blank line is `│`, not `│ `.
    func prefixed(first: [StyledSpan], rest: [StyledSpan], measure: TextWidth = .standard) -> [StyledLine] {
        let firstColumns = measure.columns(of: first.map(\.text).joined())
        let restColumns = measure.columns(of: rest.map(\.text).joined())
        let bareRest = rest.trimmingTrailingSpaces()
        let bareColumns = measure.columns(of: bareRest.map(\.text).joined())
        return enumerated().map { index, line in
            if index == 0 {
                return StyledLine(spans: first + line.spans, columns: firstColumns + line.columns, isContinuation: line.isContinuation)
            }
            if line.spans.allSatisfy({ $0.text.isEmpty }) {
                return StyledLine(spans: bareRest, columns: bareColumns, isContinuation: line.isContinuation)
            }
            return StyledLine(spans: rest + line.spans, columns: restColumns + line.columns, isContinuation: line.isContinuation)
        }
    }
}

extension Array where Element == StyledSpan {
    func trimmingTrailingSpaces() -> [StyledSpan] {
        var spans = self
        while let last = spans.last {
            let trimmed = String(last.text.reversed().drop(while: { $0 == " " }).reversed())
            if trimmed.isEmpty {
                spans.removeLast()
                continue
            }
            spans[spans.count - 1].text = trimmed
            break
        }
        return spans
    }
}

extension StyledLine {
    static let blank = StyledLine(spans: [], columns: 0)
}
