import MarkdownRendering
import Testing
import TerminalUI
@testable import ChatViews

/// A streaming reply drawn from where it grew must look exactly as the whole text rendered in
/// streaming mode, at every step of its arrival.
@Suite("Streaming reply lines")
struct StreamingReplyLinesTests {
    let theme = Theme.builtInDefault(colors: .colors256)

    /// No strikethrough or bare links: cmark-gfm keeps the characters of those extensions in a
    /// process-wide table that each parse sets and clears (github/cmark-gfm#176), so a parse in a
    /// test running alongside can make another miss them.
    static let markdown = """
    # A heading
    Some *emphasis*, **strong**, `code`, 日本語のテキスト 🙂 👍🏽 and a [link](https://example.com).

    - one
    - two
      - nested

    1. first

    2. second
    10) tenth

    > a quote
    > on two lines

    | left | right |
    |------|------:|
    | 日本 | 🙂 |

    ```swift
    let x = 1

    print(x)
    ```

    > ```
    > quoted fence
    >
    > ```
    ~~~ python
    def f():

        return 1
    ~~~~
    * * *
    Setext
    ---

        indented code

    after\u{00A0}
    \u{00A0}
    tail
    """

    /// Every prefix, character by character, one reply at a time.
    @Test(arguments: [24, 80])
    func everyPrefixMatchesTheWholeRender(width: Int) {
        let lines = StreamingReplyLines()
        var text = ""
        for character in Self.markdown {
            text.append(character)
            let expected = MarkdownRenderer.render(text, width: width, theme: theme, streaming: true)
            let got = lines.lines(for: "m1", text: text, width: width, theme: theme)
            #expect(got == expected, "after \(text.count) characters at width \(width)")
            if got != expected { return }
        }
    }

    @Test func aLongLineInTokens() {
        let lines = StreamingReplyLines()
        var text = ""
        for index in 1...1_500 {
            text += "word\(index) " + (index % 97 == 0 ? "日本語 " : "") + (index % 500 == 0 ? "\r\nx" : "")
            let expected = MarkdownRenderer.render(text, width: 33, theme: theme, streaming: true)
            #expect(lines.lines(for: "m1", text: text, width: 33, theme: theme) == expected, "after word\(index)")
        }
    }

    @Test func aRewriteOrANewWidthStartsAgain() {
        let lines = StreamingReplyLines()
        let first = "Draft one.\n\nDraft two is a longer line that wraps"
        _ = lines.lines(for: "m1", text: first, width: 20, theme: theme)
        // The unfinished line rewritten after its first display line, the whole text, the width.
        for (text, width) in [("Draft one.\n\nDraft two is a shorter one", 20), ("Final answer.\n\nIt", 20), ("Final answer.\n\nIt is", 12)] {
            #expect(lines.lines(for: "m1", text: text, width: width, theme: theme)
                    == MarkdownRenderer.render(text, width: width, theme: theme, streaming: true))
        }
    }

    @Test func repliesAreKeptApartAndForgotten() {
        let lines = StreamingReplyLines()
        _ = lines.lines(for: "a", text: "alpha\n\nbeta", width: 30, theme: theme)
        let other = lines.lines(for: "b", text: "gamma", width: 30, theme: theme)
        #expect(other == MarkdownRenderer.render("gamma", width: 30, theme: theme, streaming: true))
        lines.keep(only: ["b"])
        #expect(lines.lines(for: "a", text: "delta", width: 30, theme: theme)
                == MarkdownRenderer.render("delta", width: 30, theme: theme, streaming: true))
    }
}
