import Testing
@testable import TerminalUI

@Suite struct PackedGraphemeTests {
    @Test(arguments: ["a", " ", "~", "日", "🙂", "🇯🇵", "👍🏽", "e\u{301}", "\r\n", "\u{1B}", "1️⃣", "👨‍👩‍👧", "👩🏽‍💻", "क्षि"])
    func aGraphemeComesBackAsItWent(text: String) {
        let grapheme = Character(text)
        let cell = Cell(grapheme, width: 1, style: .plain)
        #expect(cell.grapheme == grapheme)
        #expect(Array(String(cell.grapheme).unicodeScalars) == Array(String(grapheme).unicodeScalars), "the same scalars, not only an equivalent")
        #expect(cell.asciiByte == (grapheme.utf8.count == 1 ? grapheme.utf8.first : nil))
    }

    @Test func cellsArePlainBitsSoFramesCopyAsMemory() {
        #expect(_isPOD(Cell.self))
        #expect(MemoryLayout<Cell>.stride <= 24)
    }

    @Test func equalGraphemesMakeEqualCellsAndOthersDiffer() {
        let family: Character = "👨‍👩‍👧‍👦"  // 25 bytes: kept in the shared table
        #expect(Cell(family) == Cell(family))
        #expect(Cell(family) != Cell("👨‍👩‍👧"))
        #expect(Cell("日") != Cell("本"))
        #expect(Cell("a", style: Style(foreground: .indexed(1))) != Cell("a"))
    }

    @Test func aGraphemeTooLongForACellKeepsTheScalarsThatFit() {
        let zalgo = Character("e" + String(repeating: "\u{301}", count: 40))
        let short = LongGraphemes.shortened(zalgo)
        #expect(short.utf8.count <= 15)
        #expect(short.unicodeScalars.first == "e")
        #expect(LongGraphemes.shortened(family).unicodeScalars.first == "👨")
    }

    let family: Character = "👨‍👩‍👧‍👦"
}
