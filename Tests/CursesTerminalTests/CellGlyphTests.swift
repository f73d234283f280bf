@testable import CursesTerminal
import Testing

/// Widths as glibc's wcwidth gives them for the characters used here.
private func width(_ scalar: Unicode.Scalar) -> Int {
    switch scalar.value {
    case 0..<0x20, 0x7F: return -1
    case 0x300...0x36F, 0x200D, 0xFE0F: return 0
    case 0x1F1E6...0x1F1FF: return 1  // regional indicators
    case 0x2764: return 1  // heavy black heart
    case 0x1100...: return 2
    default: return 1
    }
}

@Suite struct CellGlyphTests {
    static func glyph(_ grapheme: Character, _ columns: Int) -> [[Unicode.Scalar]] {
        let glyph = CellGlyph(grapheme, columns: columns, maxScalars: 5, widthOf: width)
        #expect(glyph.widths.reduce(0, +) == columns, "units must fill the cell exactly")
        return glyph.units
    }

    @Test func plainCharactersAreThemselves() {
        #expect(Self.glyph("a", 1) == [["a"]])
        #expect(Self.glyph("日", 2) == [["日"]])
        #expect(Self.glyph("🙂", 2) == [["🙂"]])
        #expect(Self.glyph("e\u{301}", 1) == [["e", "\u{301}"]])
    }

    @Test func aFlagIsTwoNarrowUnitsSideBySide() {
        #expect(Self.glyph("🇯🇵", 2) == [["🇯"], ["🇵"]])
    }

    @Test func clustersTerminalsDisagreeOnShowTheirFirstCharacter() {
        #expect(Self.glyph("👨‍👩‍👧", 2) == [["👨", "\u{200D}"]])
        #expect(Self.glyph("👍🏽", 2) == [["👍"]])
    }

    @Test func emojiPresentationAfterANarrowCharacterIsDropped() {
        #expect(Self.glyph("❤️", 1) == [["❤"]])
        #expect(Self.glyph("❤️", 2) == [["❤"], [" "]])
    }

    @Test func misfitsAndControls() {
        #expect(Self.glyph("日", 1) == [["\u{FFFD}"]])
        #expect(Self.glyph("\u{7}", 1) == [["\u{FFFD}"]])
        // Whatever the width function says: glibc's wcwidth calls NUL zero-width.
        let zeroWidthNul = CellGlyph("\u{0}", columns: 1, maxScalars: 5) { _ in 0 }
        #expect(zeroWidthNul.units == [["\u{FFFD}"]])
        #expect(Self.glyph("\u{9B}", 1) == [["\u{FFFD}"]])
        #expect(Self.glyph("\u{301}", 1) == [[" ", "\u{301}"]])
        #expect(Self.glyph("a", 2) == [["a"], [" "]])
    }

    @Test func columnsAViewShouldReserve() {
        #expect(CellGlyph.columns(of: "a", widthOf: width) == 1)
        #expect(CellGlyph.columns(of: "日", widthOf: width) == 2)
        #expect(CellGlyph.columns(of: "🇯🇵", widthOf: width) == 2)
        #expect(CellGlyph.columns(of: "👨‍👩‍👧", widthOf: width) == 2)
        #expect(CellGlyph.columns(of: "❤️", widthOf: width) == 1)
        #expect(CellGlyph.columns(of: "e\u{301}", widthOf: width) == 1)
    }
}
