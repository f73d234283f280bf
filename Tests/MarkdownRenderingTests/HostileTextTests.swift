import Testing
import TerminalUI
import MarkdownRendering

@Suite struct HostileTextTests {
    let reply = "red \u{1B}[31mRED\u{1B}[0m *and* \u{1B}]0;title\u{07}\n\n```\n\u{1B}[2J\u{9B}31m\n```\n\n| \u{1B}[5m | b |\n|---|---|"

    @Test func escapeSequencesStayRawInSpansAndDrawInert() {
        let lines = MarkdownRenderer.render(reply, width: 40, theme: testTheme)
        #expect(lines.contains { $0.text.contains("\u{1B}") })  // kept as received
        var screen = Screen(width: 40, height: lines.count)
        for (row, line) in lines.enumerated() { screen.draw(line.spans, x: 0, y: row) }
        let text = screen.text
        #expect(text.contains("␛[31mRED␛[0m"))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!text.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) })
    }
}
