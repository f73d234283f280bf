import Testing
import TerminalUI
import MarkdownRendering

@Suite struct CodeBlockTests {
    @Test func fencedBlocksInTwoLanguagesHaveLabelsAndPadding() {
        let markdown = "```swift\nlet x = 1\n\tprint(\"a very long line of code\")\n```\n\n~~~python\ndef f():\n    return 2\n~~~"
        #expect(rendered(markdown, width: 24) == [
            "swift                   ",
            "let x = 1               ",
            "    print(\"a very long l",
            "↪ine of code\")          ",
            "",
            "python                  ",
            "def f():                ",
            "    return 2            ",
        ])
    }

    @Test func continuationLinesAreFlaggedAndStyled() {
        let lines = MarkdownRenderer.render("```\nabcdefghij\n```", width: 6, theme: testTheme)
        #expect(lines.map(\.text) == ["abcdef", "↪ghij "])
        #expect(lines.map(\.isContinuation) == [false, true])
        #expect(lines.allSatisfy { $0.columns == 6 })
        let block = testTheme.style(for: .markdownCodeBlock)
        #expect(lines[0].spans.allSatisfy { $0.style == block })
        #expect(lines[1].spans[0].style.attributes.contains(.italic))  // the label style's marker
    }

    @Test func wideCharactersAreNeverSplitByTheCut() {
        let lines = MarkdownRenderer.render("```\nab日本\n```", width: 5, theme: testTheme)
        #expect(lines.map(\.text) == ["ab日 ", "↪本  "])
    }

    @Test func indentedCodeHasNoLabel() {
        #expect(rendered("    x = 1", width: 8) == ["x = 1   "])
    }
}
