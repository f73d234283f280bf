import Foundation
import Testing
import TerminalUI
import MarkdownRendering

@Suite struct PerformanceTests {
    /// A 50 KB reply of every construct; the bound is loose (debug builds, a busy machine): the
    /// number to watch is the printed time in a release build.
    @Test func fiftyKilobyteReplyRendersQuickly() {
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
        let clock = ContinuousClock()
        var lines: [StyledLine] = []
        let elapsed = clock.measure {
            lines = MarkdownRenderer.render(markdown, width: 80, theme: testTheme)
        }
        print("rendered \(markdown.utf8.count) bytes into \(lines.count) lines in \(elapsed)")
        #expect(lines.count > 1000)
        #expect(elapsed < .seconds(5))
    }
}
