import Testing
import TerminalUI
import MarkdownRendering

@Suite struct StreamingTests {
    @Test func halfWrittenTableStaysPlainUntilItsDelimiterRowEnds() {
        #expect(rendered("| a | b |\n|--", width: 30, streaming: true) == ["| a | b |", "|--"])
        #expect(rendered("| a | b |\n|---|---|\n| 1", width: 30, streaming: true) == [
            "┌───┬───┐", "│ a │ b │", "└───┴───┘", "| 1",
        ])
    }

    @Test func setextUnderlineInProgressIsNotAHeading() {
        #expect(rendered("Hello\n-", width: 30, streaming: true) == ["Hello", "-"])
        // Not streaming, cmark sees a setext heading.
        #expect(rendered("Hello\n-", width: 30) == ["## Hello"])
    }

    @Test func unclosedEmphasisOnTheLastLineIsPlainText() {
        let lines = MarkdownRenderer.render("Para\n\nNext **bo", width: 30, theme: testTheme, streaming: true)
        #expect(lines.map(\.text) == ["Para", "", "Next **bo"])
        #expect(lines[2].spans.allSatisfy { $0.style == testTheme.style(for: .text) })
    }

    @Test func lastLineInsideAnOpenFenceIsCode() {
        #expect(rendered("```py\nprint(1)\npri", width: 10, streaming: true) == [
            "py        ", "print(1)  ", "pri       ",
        ])
    }

    @Test func finishedTextRendersAsMarkdown() {
        #expect(rendered("**bold**\n", width: 30, streaming: true) == ["bold"])
        #expect(rendered("single line **so far", width: 30, streaming: true) == ["single line **so far"])
    }
}
