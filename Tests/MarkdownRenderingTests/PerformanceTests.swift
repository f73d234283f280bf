import Foundation
import Testing
import TerminalUI
import MarkdownRendering

@Suite struct PerformanceTests {
    /// A 50 KB reply of every construct; the bound is loose (debug builds, a busy machine): the
    /// number to watch is the printed time in a release build.
    @Test func fiftyKilobyteReplyRendersEveryLineWithinTheWidth() {
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
            func greet(_ name: String) -> String {
                return "Hello, \\(name)!"
            }
            ```

            | Column | 列 | Value |
            |---|:-:|--:|
            | alpha | 一 | 1 |
            | beta | 二二 | 22 |


            """
        var markdown = ""
        while markdown.utf8.count < 50_000 { markdown += section }
        // How long this takes is measured by `make bench` (poe-bench markdown), not asserted here.
        let lines = MarkdownRenderer.render(markdown, width: 80, theme: testTheme)
        #expect(lines.count > 1000)
        #expect(lines.allSatisfy { $0.columns <= 80 })
    }
}
