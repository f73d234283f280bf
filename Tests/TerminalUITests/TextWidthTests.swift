import Testing
@testable import TerminalUI

@Suite("Grapheme widths")
struct TextWidthTests {
    let measure = TextWidth.standard

    /// (text, columns) pairs; each text is one grapheme cluster.
    static let clusters: [(Cluster, Int)] = [
        ("a", 1), ("~", 1), ("é", 1), ("e\u{301}", 1), ("\u{E000}", 1),  // private use: narrow, as glibc
        ("中", 2), ("한", 2), ("\u{1100}\u{1161}\u{11A8}", 2), ("ｱ", 1), ("Ａ", 2), ("\u{3000}", 2),
        ("🙂", 2), ("⌚", 2), ("☀", 1), ("✔", 1),
        ("🇯🇵", 2), ("🇯", 1),
        ("❤️", 1), ("☀️", 1), ("1️⃣", 1), ("⌚︎", 2),
        ("👍🏽", 2), ("🏽", 2),
        ("👨‍👩‍👧", 6), ("👩🏽‍💻", 4), ("🏳️‍🌈", 3),
        ("🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}", 2),
        ("क्ष", 2), ("\u{301}", 1),
        ("\u{1B}", 1), ("\u{7}", 1), ("\u{7F}", 1), ("\u{9B}", 1), ("\r\n", 2),
        ("\u{200B}", 0), ("\u{200D}", 0), ("\u{202E}", 0), ("\u{AD}", 1),
        ("\u{1FAE8}", 1),  // Unicode 15: unknown to glibc 2.36, drawn as U+FFFD
        ("\u{2028}", 1), ("\u{378}", 1),  // a line separator and an unassigned scalar: U+FFFD
    ]

    @Test(arguments: clusters)
    func clusterWidth(_ cluster: Cluster, _ columns: Int) {
        #expect(cluster.text.count == 1, "test data: \(cluster) is not one cluster")
        let character = cluster.text.first!
        #expect(measure.columns(of: character) == columns)
        #expect(measure.glyphs(of: character).reduce(0) { $0 + $1.width } == columns, "drawn width must equal measured width")
    }

    @Test func everyGlyphIsOneSpacingScalarWithAtMostFourMarks() {
        let zalgo: Character = "Z\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}"
        #expect(measure.glyphs(of: zalgo) == [Glyph("Z\u{301}\u{302}\u{303}\u{304}", width: 1)])
        for (cluster, _) in Self.clusters {
            for glyph in measure.glyphs(of: cluster.text.first!) {
                #expect(glyph.width == 1 || glyph.width == 2)
                let kinds = glyph.character.unicodeScalars.map { ScalarKind.of($0, known: measure.known) }
                #expect(kinds.first != .combining && kinds.first != .dropped)
                #expect(kinds.dropFirst().allSatisfy { $0 == .combining }, "\(Cluster(String(glyph.character)))")
            }
        }
    }

    @Test func emojiSequencesBecomeGlyphsEveryTerminalAgreesOn() {
        #expect(measure.glyphs(of: "👍🏽") == [Glyph("👍", width: 2)])
        #expect(measure.glyphs(of: "👨‍👩‍👧") == [Glyph("👨", width: 2), Glyph("👩", width: 2), Glyph("👧", width: 2)])
        #expect(measure.glyphs(of: "❤️") == [Glyph("❤", width: 1)])
        #expect(measure.glyphs(of: "🇯🇵") == [Glyph("🇯", width: 1), Glyph("🇵", width: 1)])
        #expect(measure.glyphs(of: "1️⃣") == [Glyph("1\u{20E3}", width: 1)])
        #expect(measure.glyphs(of: "\u{200B}").isEmpty)
    }

    @Test func controlsAreDrawnAsInertPictures() {
        #expect(measure.glyphs(of: "\u{1B}") == [Glyph("␛", width: 1)])
        #expect(measure.glyphs(of: "\u{0}") == [Glyph("␀", width: 1)])
        #expect(measure.glyphs(of: "\u{7F}") == [Glyph("␡", width: 1)])
        #expect(measure.glyphs(of: "\u{85}") == [Glyph("\u{FFFD}", width: 1)])
        #expect(measure.glyphs(of: "\n") == [Glyph("␊", width: 1)])
        #expect(InertText.inert("\u{1B}]0;x\u{7}") == "␛]0;x␇")
        #expect(InertText.inert("plain") == "plain")
    }

    @Test func aLoneMarkIsDrawnOnADottedCircle() {
        #expect(measure.glyphs(of: "\u{301}") == [Glyph("\u{25CC}\u{301}", width: 1)])
    }

    @Test func newerUnicodeIsWideWhenTheTerminalKnowsIt() {
        let newer = TextWidth(knownUnicode: (15, 0))
        #expect(newer.columns(of: "\u{1FAE8}") == 2)
        #expect(measure.glyphs(of: "\u{1FAE8}") == [Glyph("\u{FFFD}", width: 1)])
        #expect(newer.knownUnicode == (15, 0))
    }

    @Test func tabsAdvanceToTheNextStop() {
        #expect(TextWidth.tabStop == 4)
        #expect(measure.columns(of: "\t", atColumn: 0) == 4)
        #expect(measure.columns(of: "\t", atColumn: 3) == 1)
        #expect(measure.columns(of: "\t", atColumn: 4) == 4)
        #expect(measure.columns(of: "ab\tc") == 5)
        #expect(measure.columns(of: "\tx", from: 2) == 3)
        #expect(measure.glyphs(of: "\t", atColumn: 1) == Array(repeating: Glyph(" ", width: 1), count: 3))
    }

    @Test func stringWidths() {
        #expect(measure.columns(of: "") == 0)
        #expect(measure.columns(of: "hello") == 5)
        #expect(measure.columns(of: "日本語 text") == 11)
        #expect(measure.columns(of: "a🙂b👍🏽c") == 7)
        #expect(measure.columns(of: "e\u{301}e\u{301}"[...]) == 2)
    }
}

/// Test text that names itself by its scalars, so a control character in the data never reaches
/// the terminal running the tests.
struct Cluster: Sendable, ExpressibleByStringLiteral, CustomTestStringConvertible, CustomStringConvertible {
    let text: String
    init(_ text: String) { self.text = text }
    init(stringLiteral text: String) { self.text = text }
    var testDescription: String { description }
    var description: String { text.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ") }
}
