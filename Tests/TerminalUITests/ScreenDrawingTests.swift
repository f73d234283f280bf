import Testing
@testable import TerminalUI

@Suite("Painting text")
struct ScreenDrawingTests {
    let bold = Style(attributes: .bold)
    let red = Style(foreground: .indexed(1))

    @Test func spansDrawInTheirStyles() {
        var screen = Screen(width: 12, height: 2)
        let end = screen.draw([StyledSpan("he", style: bold), StyledSpan("llo", style: red)], x: 2, y: 1)
        #expect(end == 7)
        #expect(screen.text == "\n  hello")
        #expect(screen[2, 1].style == bold)
        #expect(screen[4, 1].style == red)
    }

    @Test func aWideGlyphCutByTheRightEdgeBecomesABlank() {
        var screen = Screen(width: 10, height: 1)
        let end = screen.draw("ab中文x", style: red, x: 0, y: 0, clip: Rect(x: 0, y: 0, width: 5, height: 1))
        #expect(end == 5)
        #expect(screen.text == "ab中")
        #expect(screen[4, 0] == Cell(" ", width: 1, style: red))
        #expect(screen[5, 0] == .blank, "nothing past the clip")
    }

    @Test func aWideGlyphCutByTheLeftEdgeBecomesABlank() {
        var screen = Screen(width: 10, height: 1)
        screen.fill(screen.bounds, style: .plain)
        screen.put("#", width: 1, x: 0, y: 0, style: .plain)
        screen.draw("中ab", style: red, x: 0, y: 0, clip: Rect(x: 1, y: 0, width: 9, height: 1))
        #expect(screen.text == "# ab")
        #expect(screen[1, 0] == Cell(" ", width: 1, style: red))
    }

    @Test func textStartingLeftOfTheClipShowsOnlyItsVisiblePart() {
        var screen = Screen(width: 10, height: 1)
        let end = screen.draw("abc中def", style: .plain, x: -2, y: 0, clip: Rect(x: 2, y: 0, width: 8, height: 1))
        #expect(screen.text == "   def", "中 straddles the clip edge at column 2")
        #expect(end == 6)
        var offscreen = Screen(width: 4, height: 1)
        #expect(offscreen.draw("abcdef", style: .plain, x: -10, y: 0) == -4)
        #expect(offscreen.text == "")
    }

    @Test func aWideGlyphAtTheScreenEdge() {
        var screen = Screen(width: 5, height: 1)
        screen.draw("abcd🙂", style: .plain, x: 0, y: 0)
        #expect(screen.text == "abcd")
        #expect(!screen[4, 0].isContinuation)
    }

    @Test func hostileTextIsDrawnAsInertSymbols() {
        var screen = Screen(width: 30, height: 1)
        screen.draw("\u{1B}]0;x\u{07}\u{9B}31m\u{7F}\r", style: .plain, x: 0, y: 0)
        #expect(screen.text == "␛]0;x␇\u{FFFD}31m␡␍")
        let controls = screen.cells.flatMap { $0.grapheme.unicodeScalars }.filter(InertText.isControl)
        #expect(controls.isEmpty)
    }

    @Test func emojiSequencesDrawAsTheyMeasure() {
        var screen = Screen(width: 20, height: 4)
        screen.draw("👍🏽|", style: .plain, x: 0, y: 0)
        screen.draw("👨‍👩‍👧|", style: .plain, x: 0, y: 1)
        screen.draw("❤️|🇯🇵|", style: .plain, x: 0, y: 2)
        screen.draw("e\u{301}|\u{200B}|", style: .plain, x: 0, y: 3)
        #expect(screen.text == "👍|\n👨👩👧|\n❤|🇯🇵|\ne\u{301}||")
        #expect(screen[2, 0].grapheme == "|")
        #expect(screen[6, 1].grapheme == "|")
        #expect(screen[1, 2].grapheme == "|" && screen[4, 2].grapheme == "|")
        #expect(screen[1, 3].grapheme == "|" && screen[2, 3].grapheme == "|")
    }

    @Test func tabsExpandToStopsFromTheStartOfTheText() {
        var screen = Screen(width: 20, height: 1)
        screen.draw("a\tb", style: .plain, x: 3, y: 0)
        #expect(screen.text == "   a   b")
    }

    @Test func overwritingHalfAWideGlyphBlanksTheOtherHalf() {
        var screen = Screen(width: 6, height: 1)
        screen.draw("中中", style: .plain, x: 0, y: 0)
        screen.draw("a", style: .plain, x: 1, y: 0)
        #expect(screen.text == " a中")
    }

    @Test func rowsOutsideTheClipAreUntouched() {
        var screen = Screen(width: 6, height: 2)
        let end = screen.draw("hello", style: .plain, x: 0, y: 1, clip: Rect(x: 0, y: 0, width: 6, height: 1))
        #expect(end == 0)
        #expect(screen.text == "\n")
    }

    @Test func wrappedLinesPaintInsideABox() {
        var screen = Screen(width: 14, height: 6)
        screen.drawBox(Rect(x: 0, y: 0, width: 14, height: 6), style: .plain, title: [StyledSpan("Reply")])
        let inside = Rect(x: 2, y: 1, width: 10, height: 4)
        for (row, line) in TextWrapper.wrap("The quick brown 狐 jumps 👍🏽 over", width: inside.width).enumerated() {
            screen.draw(line.text, style: .plain, x: inside.x, y: inside.y + row, clip: inside)
        }
        #expect(screen.text == """
        ┌─ Reply ────┐
        │ The quick  │
        │ brown 狐   │
        │ jumps 👍   │
        │ over       │
        └────────────┘
        """)
    }
}

@Suite("Boxes and truncation")
struct BoxAndTruncationTests {
    let measure = TextWidth.standard

    @Test func boxesWithTitles() {
        var screen = Screen(width: 12, height: 3)
        screen.drawBox(Rect(x: 0, y: 0, width: 12, height: 3), style: .plain, title: [StyledSpan("Chats")])
        #expect(screen.text == "┌─ Chats ──┐\n│          │\n└──────────┘")

        var narrow = Screen(width: 10, height: 2)
        narrow.drawBox(narrow.bounds, style: .plain, characters: .rounded, title: [StyledSpan("日本語")])
        #expect(narrow.text == "╭─ 日… ──╮\n╰────────╯")
    }

    @Test func boxesClipAndIgnoreTinyRectangles() {
        var screen = Screen(width: 6, height: 3)
        screen.drawBox(Rect(x: 2, y: 0, width: 8, height: 3), style: .plain)
        #expect(screen.text == "  ┌───\n  │\n  └───")
        var tiny = Screen(width: 3, height: 3)
        tiny.drawBox(Rect(x: 0, y: 0, width: 1, height: 3), style: .plain)
        #expect(tiny.text == "\n\n")
    }

    @Test func linesAndJoints() {
        var screen = Screen(width: 5, height: 3)
        screen.drawHorizontalLine(x: 0, y: 1, width: 5, style: .plain)
        screen.drawVerticalLine(x: 2, y: 0, height: 3, style: .plain, character: BorderCharacters.heavy.vertical)
        #expect(screen.text == "  ┃\n──┃──\n  ┃")
    }

    @Test func truncation() {
        #expect(measure.truncate("hello world", to: 8) == "hello w…")
        #expect(measure.truncate("hello", to: 5) == "hello")
        #expect(measure.truncate("hello", to: 1) == "…")
        #expect(measure.truncate("hello", to: 0) == "")
        #expect(measure.truncate("日本語", to: 4) == "日…")
        #expect(measure.truncate("日本語", to: 5) == "日本…")
        #expect(measure.truncate("👍🏽👍🏽👍🏽", to: 5) == "👍🏽👍🏽…")
        #expect(measure.columns(of: measure.truncate("a👨‍👩‍👧b", to: 5)) <= 5)
    }

    @Test func truncatingSpansKeepsStyles() {
        let bold = Style(attributes: .bold)
        let spans = [StyledSpan("ab", style: bold), StyledSpan("cdef")]
        #expect(measure.truncate(spans, to: 4) == [StyledSpan("ab", style: bold), StyledSpan("c…")])
        #expect(measure.truncate(spans, to: 2) == [StyledSpan("a…", style: bold)])
        #expect(measure.truncate(spans, to: 6) == spans)
    }
}
