import Testing
import TerminalUI
import MarkdownRendering

@Suite struct TableTests {
    let markdown = "| Name | 名前 | Mood |\n|:--|:-:|--:|\n| Alice | 日本語テキスト | 🙂 |\n| Bob | 中 | 🎉🎉🎉 long words here |"

    @Test func wideTableFitsAtItsNaturalWidth() {
        #expect(rendered(markdown, width: 60) == [
            "┌───────┬────────────────┬────────────────────────┐",
            "│ Name  │      名前      │                   Mood │",
            "├───────┼────────────────┼────────────────────────┤",
            "│ Alice │ 日本語テキスト │                     🙂 │",
            "│ Bob   │       中       │ 🎉🎉🎉 long words here │",
            "└───────┴────────────────┴────────────────────────┘",
        ])
    }

    @Test func narrowTableShrinksTheWidestColumnsAndWrapsCells() {
        let lines = MarkdownRenderer.render(markdown, width: 30, theme: testTheme)
        #expect(lines.map(\.text) == [
            "┌───────┬──────────┬─────────┐",
            "│ Name  │   名前   │    Mood │",
            "├───────┼──────────┼─────────┤",
            "│ Alice │ 日本語テ │      🙂 │",
            "│       │  キスト  │         │",
            "│ Bob   │    中    │  🎉🎉🎉 │",
            "│       │          │    long │",
            "│       │          │   words │",
            "│       │          │    here │",
            "└───────┴──────────┴─────────┘",
        ])
        // Every line is exactly as wide as measured, so the borders line up on screen.
        for line in lines {
            #expect(line.columns == 30)
            #expect(TextWidth.standard.columns(of: line.text) == 30)
        }
    }

    @Test func headerCellsUseTheHeaderStyle() {
        #expect(span("Name", in: markdown)?.style.attributes.contains(.bold) == true)
        #expect(span("┌───────┬────────────────┬────────────────────────┐", in: markdown)?.style == testTheme.style(for: .markdownTableBorder))
    }

    @Test func tooNarrowForEvenOneColumnEachTruncates() {
        let lines = rendered("| 日本 | b |\n|---|---|\n| x | y |", width: 8)
        #expect(lines.first == "┌───┬───┐")
        #expect(lines[1] == "│ … │ b │")
    }
}
