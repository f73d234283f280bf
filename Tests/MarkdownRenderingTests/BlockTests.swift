import Testing
import TerminalUI
import MarkdownRendering

@Suite struct BlockTests {
    @Test func headingsKeepDimMarkersAndHangWhenWrapped() {
        #expect(rendered("# Title\n\n### A much longer third level heading that wraps", width: 24) == [
            "# Title",
            "",
            "### A much longer third",
            "    level heading that",
            "    wraps",
        ])
        let marker = span("# ", in: "# Title")
        #expect(marker?.style.attributes.contains(.dim) == true)
        #expect(span("Title", in: "# Title")?.style == testTheme.style(for: .markdownHeading))
    }

    @Test func setextHeadingRendersLikeAtx() {
        #expect(rendered("Hello\n=====", width: 20) == ["# Hello"])
    }

    @Test func singleNewlinesInAReplyStayLineBreaks() {
        #expect(rendered("Files:\n📎 a.txt (11 bytes)\n📎 b.bin", width: 40) == ["Files:", "📎 a.txt (11 bytes)", "📎 b.bin"])
    }

    @Test func paragraphsWrapAndKeepBreaks() {
        #expect(rendered("line one  \nline two\nsoft\n\nnext paragraph here", width: 12) == [
            "line one", "line two", "soft", "", "next", "paragraph", "here",
        ])
    }

    @Test func nestedBulletListsHang() {
        #expect(rendered("- one\n- two\n  - nested a\n  - nested b that is long enough to wrap\n- three", width: 24) == [
            "• one",
            "• two",
            "  ◦ nested a",
            "  ◦ nested b that is",
            "    long enough to wrap",
            "• three",
        ])
    }

    @Test func orderedListsRightAlignNumbersAndKeepTheirStart() {
        #expect(rendered("9. nine\n10. ten that wraps here", width: 14) == [
            " 9. nine",
            "10. ten that",
            "    wraps here",
        ])
    }

    @Test func looseListsKeepBlankLines() {
        #expect(rendered("1. first\n\n2. second", width: 20) == ["1. first", "", "2. second"])
    }

    @Test func taskListItemsShowTheirBoxes() {
        #expect(rendered("- [ ] todo\n- [x] done\n\n1. [x] step", width: 20) == ["[ ] todo", "[x] done", "", "1. [x] step"])
    }

    @Test func quotesHaveAGutterOnEveryLine() {
        #expect(rendered("> quoted *text* that wraps around the width\n>\n> second para", width: 20) == [
            "│ quoted text that",
            "│ wraps around the",
            "│ width",
            "│",
            "│ second para",
        ])
        let quoteStyle = testTheme.style(for: .markdownQuote)
        #expect(span("│ ", in: "> hi")?.style == quoteStyle)
    }

    @Test func listInsideQuote() {
        #expect(rendered("> - a\n> - b", width: 20) == ["│ • a", "│ • b"])
    }

    @Test func thematicBreakFillsTheWidth() {
        #expect(rendered("a\n\n---\n\nb", width: 5) == ["a", "", "─────", "", "b"])
    }

    @Test func inlineStyles() {
        let markdown = "*em* **strong** ~~gone~~ `code` ***both***"
        #expect(rendered(markdown, width: 80) == ["em strong gone code both"])
        #expect(span("em", in: markdown)?.style.attributes.contains(.italic) == true)
        #expect(span("strong", in: markdown)?.style.attributes.contains(.bold) == true)
        #expect(span("gone", in: markdown)?.style == testTheme.style(for: .markdownStrikethrough))
        #expect(span("code", in: markdown)?.style == testTheme.style(for: .markdownCode))
        let both = span("both", in: markdown)?.style.attributes
        #expect(both?.contains(.bold) == true && both?.contains(.italic) == true)
    }

    @Test func linksShowTheirURLUnlessTheTextIsTheURL() {
        #expect(rendered("See [the docs](https://example.com/d), https://poe.com and <a@b.c>.", width: 80) == [
            "See the docs (https://example.com/d), https://poe.com and a@b.c.",
        ])
        #expect(span("the docs", in: "[the docs](https://e.com)")?.style == testTheme.style(for: .markdownLink))
        #expect(span(" (https://e.com)", in: "[the docs](https://e.com)")?.style == testTheme.style(for: .textDim))
    }

    @Test func imagesShowAltTextAndURL() {
        #expect(rendered("![a cat](https://e.com/cat.png)", width: 80) == ["[image: a cat] (https://e.com/cat.png)"])
    }
}
