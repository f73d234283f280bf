import Testing
@testable import TerminalUI

@Suite("Wrapping")
struct TextWrapperTests {
    static let table: [(text: String, width: Int, lines: [String])] = [
        ("hello world", 20, ["hello world"]),
        ("hello world", 11, ["hello world"]),  // exact fit
        ("hello world", 5, ["hello", "world"]),
        ("hello world", 8, ["hello", "world"]),
        ("hello  world", 7, ["hello", "world"]),  // the spaces vanish into the break
        ("abcde fghij", 5, ["abcde", "fghij"]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),  // a long word breaks where the width runs out
        ("a bcdefgh", 4, ["a", "bcde", "fgh"]),
        ("abc   ", 4, ["abc"]),  // trailing spaces past the edge make no empty line
        ("    code here", 8, ["    code", "here"]),  // indentation stays
        ("      ", 3, ["   ", "   "]),
        ("日本語のテキスト", 6, ["日本語", "のテキ", "スト"]),
        ("日本語", 5, ["日本", "語"]),  // a wide character never splits: the line is one short
        ("日本語。", 6, ["日本", "語。"]),  // no line starts with 。
        ("「日本」です", 4, ["「日", "本」", "です"]),  // nor ends with 「
        ("hello世界", 7, ["hello世", "界"]),
        ("ab🙂", 3, ["ab", "🙂"]),
        ("abc🙂def", 4, ["abc", "🙂", "def"]),
        ("👍🏽👍🏽👍🏽", 4, ["👍🏽👍🏽", "👍🏽"]),
        ("中a", 1, ["中", "a"]),  // wider than the whole width: a line of its own
        ("", 10, [""]),
        ("a\n\nb", 10, ["a", "", "b"]),
        ("a\n", 10, ["a", ""]),
        ("a\r\nb", 10, ["a", "b"]),
        ("a\tb c", 6, ["a\tb", "c"]),
    ]

    @Test(arguments: table)
    func wraps(_ text: String, _ width: Int, _ expected: [String]) {
        let lines = TextWrapper.wrap(text, width: width)
        #expect(lines.map { String($0.text) } == expected)
        for line in lines {
            #expect(line.columns == TextWidth.standard.columns(of: line.text))
            #expect(line.columns <= width || line.text.count == 1)
        }
    }

    @Test func linesKnowWhetherTheyContinueASoftWrap() {
        let lines = TextWrapper.wrap("hello world\nfoo", width: 5)
        #expect(lines.map(\.isContinuation) == [false, true, false])
        #expect(lines.map(\.columns) == [5, 5, 3])
    }

    @Test func linesAreSlicesOfTheText() {
        let text = "one two three"
        let lines = TextWrapper.wrap(text, width: 7)
        #expect(lines.map { String(text[$0.range]) } == ["one two", "three"])
    }

    @Test func widthBelowOneWrapsAsOne() {
        #expect(TextWrapper.wrap("ab", width: 0).map { String($0.text) } == ["a", "b"])
    }

    @Test func styledTextWrapsAcrossSpans() {
        let bold = Style(attributes: .bold), italic = Style(attributes: .italic)
        let spans = [StyledSpan("hello ", style: bold), StyledSpan("wor"), StyledSpan("ld again", style: italic)]
        let lines = TextWrapper.wrap(spans, width: 7)
        #expect(lines.map(\.spans) == [
            [StyledSpan("hello", style: bold)],
            [StyledSpan("wor"), StyledSpan("ld", style: italic)],
            [StyledSpan("again", style: italic)],
        ])
        #expect(lines.map(\.text) == ["hello", "world", "again"])
        #expect(lines.map(\.isContinuation) == [false, true, true])
        #expect(TextWrapper.wrap([StyledSpan("a\n\nb")], width: 5).map(\.spans) == [[StyledSpan("a")], [], [StyledSpan("b")]])
    }

    /// Its speed is `make bench`'s business (poe-bench screen); this checks the result only.
    @Test func aLongTextWrapsWhole() {
        let paragraph = String(repeating: "The quick brown fox jumps over the lazy dog, 素早い茶色の狐。 ", count: 20)
        let text = Array(repeating: paragraph, count: 1000).joined(separator: "\n")  // 1.3 MB
        let lines = TextWrapper.wrap(text, width: 80)
        #expect(lines.count == 16_000)
        #expect(lines.allSatisfy { $0.columns <= 80 })
    }
}

@Suite("Wrap cache")
struct WrapCacheTests {
    @Test func wrapsOnlyWhenTheRevisionOrWidthChanges() {
        let cache = WrapCache<String, [WrappedLine]>()
        var text = "hello world"
        func lines(_ revision: Int, _ width: Int) -> [String] {
            cache.lines(for: "m1", revision: revision, width: width) { TextWrapper.wrap(text, width: width) }.map { String($0.text) }
        }
        #expect(lines(1, 5) == ["hello", "world"])
        #expect(lines(1, 5) == ["hello", "world"])
        #expect(cache.misses == 1)
        text = "hello world again"
        #expect(lines(2, 5) == ["hello", "world", "again"])
        #expect(lines(2, 20) == ["hello world again"])
        #expect(cache.misses == 3)
        #expect(cache.count == 1, "one entry per item, whatever its history")
        cache.remove("m1")
        #expect(cache.count == 0)
    }

    @Test func dropsTheLeastRecentlyUsedPastCapacity() {
        let cache = WrapCache<Int, Int>(capacity: 4)
        for id in 0..<4 { _ = cache.lines(for: id, revision: 0, width: 10) { id } }
        _ = cache.lines(for: 0, revision: 0, width: 10) { -1 }  // 0 is now the most recent
        _ = cache.lines(for: 4, revision: 0, width: 10) { 4 }
        #expect(cache.count <= 4)
        #expect(cache.lines(for: 0, revision: 0, width: 10) { -1 } == 0, "the recently used entry survives")
        cache.removeAll()
        #expect(cache.count == 0)
    }
}

@Suite("Wrapping, fast path")
struct ASCIIWrapTests {
    /// The byte-level wrapper for ASCII must cut exactly where the grapheme wrapper does.
    @Test func asciiFastPathAgreesWithGraphemes() {
        var generator = SplitMix(seed: 42)
        let pieces = ["a", "bb", "word", "longerword", "x", " ", "  ", "   "]
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 12) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let width = 1 + Int(generator.next() % 12)
            let wrapper = ParagraphWrapper(paragraph: text[...], width: width, measure: .standard)
            var fast: [WrappedLine] = [], slow: [WrappedLine] = []
            wrapper.wrapASCII(into: &fast)
            wrapper.wrapGraphemes(into: &slow)
            #expect(fast == slow, "\"\(text)\" at width \(width)")
            if fast != slow { return }
        }
    }
}

/// A small deterministic random generator, so a failing case can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
