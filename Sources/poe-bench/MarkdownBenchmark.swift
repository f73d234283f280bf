import Foundation
import MarkdownRendering
import TerminalUI

/// Rendering a 50 KB markdown reply (headings, lists, quotes, code, tables, CJK) at 80 columns.
enum MarkdownBenchmark {
    static func run() {
        let section = """
        ## Section heading

        A paragraph with *emphasis*, **strong text**, `inline code` and a [link](https://example.com/path). \
        It goes on long enough to wrap several times at eighty columns, with 日本語 and emoji 🙂 too.

        - item one
        - item two with more words
          1. nested ordered
          2. second

        > A quote that also wraps when the line is long enough to need it, like this one.

        ```swift
        func greet(_ name: String) -> String { "Hello, \\(name)!" }
        ```

        | Column | 列 | Value |
        |---|:-:|--:|
        | alpha | 一 | 1 |


        """
        var markdown = ""
        while markdown.utf8.count < 50_000 { markdown += section }
        let theme = Theme.builtInDefault(colors: .colors256)
        var lines = 0
        let times = (0..<7).map { _ -> Double in
            let start = ContinuousClock.now
            lines = MarkdownRenderer.render(markdown, width: 80, theme: theme).count
            let elapsed = ContinuousClock.now - start
            return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        }
        print(String(format: "markdown: %d KB reply into %d lines at 80 columns, median %.1f ms", markdown.utf8.count / 1000, lines, median(times)))
    }
}
