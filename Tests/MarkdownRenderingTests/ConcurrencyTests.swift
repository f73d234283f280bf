import Testing
import TerminalUI
import MarkdownRendering

/// cmark-gfm shares one table of inline special characters between parses; parses at the same
/// time must still each see their strikethrough.
@Suite struct ConcurrencyTests {
    @Test func parsesAtOnceKeepTheirStrikethrough() async {
        let struck = testTheme.style(for: .markdownStrikethrough)
        let results = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    (0..<150).filter { _ in span("gone", in: "a ~~gone~~ b, see https://example.com ~~x~~")?.style == struck }.count
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(results == [150, 150, 150, 150])
    }
}
