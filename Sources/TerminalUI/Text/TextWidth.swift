/// Measures text in terminal columns and turns grapheme clusters into the glyphs drawn for them.
///
/// The rule: **draw only what every terminal measures the same way, and measure what is drawn.**
/// ncurses and tmux take widths from glibc's `wcwidth`, one scalar at a time, while modern GUI
/// terminals measure whole clusters. They agree on single scalars and disagree on emoji
/// sequences: `wcwidth` sums 👍🏽 to 4, a ZWJ family to 6 and ❤️ (with VS16) to 1, where a GUI
/// terminal draws each in 2 columns. Any rule that trusts one side misplaces every border after
/// such a cluster on the other. So a cluster is drawn as glyphs whose widths nobody disputes:
///
/// - A cluster is split at each spacing scalar; zero-width scalars (accents, Hangul vowels and
///   finals) ride on the glyph before them, at most four per glyph, as an ncurses cell holds.
/// - Zero-width joiners, variation selectors 15/16, tags and other format characters are not
///   drawn, so 👨‍👩‍👧 shows as its three people (6 columns) and ❤️ as a text heart (1 column).
/// - A skin tone after an emoji that takes one is dropped (👍🏽 is drawn as 👍, 2 columns).
/// - Wide: East Asian Wide and Fullwidth (glibc's table) and `isEmojiPresentation` scalars, 2
///   columns; regional indicators are 1 each, so a flag is 2 everywhere. Ambiguous-width
///   characters are narrow, as glibc has them outside CJK locales.
/// - Controls (C0, DEL, C1) are drawn as their inert pictures (`InertText`), 1 column; a tab
///   advances to the next multiple of `tabStop` from where the text being drawn starts.
/// - Scalars newer than the terminal's C library knows (`knownUnicode`), unassigned ones and
///   line/paragraph separators are drawn as U+FFFD: `wcwidth` returns -1 for them and ncurses
///   would draw a blank of its own choosing.
/// - A zero-width mark with no base (at the start of a text) is drawn on a dotted circle ◌.
///
/// Everything that measures (wrapping, truncation, layout) and everything that draws goes
/// through the same value, so measured and drawn widths cannot differ.
public struct TextWidth: Sendable, Hashable {
    /// Columns between tab stops.
    public static let tabStop = 4

    /// Debian 12's glibc 2.36, which knows Unicode 14: the terminal this project is tested on.
    public static let standard = TextWidth()

    let known: UnicodeVersionNumber

    /// - Parameter knownUnicode: the Unicode version of the C library ncurses runs on (glibc
    ///   2.36: 14.0; 2.38: 15.0). A terminal adapter can find it by asking `wcwidth` about a
    ///   scalar new in each version.
    public init(knownUnicode: Unicode.Version = (14, 0)) {
        known = UnicodeVersionNumber(knownUnicode)
    }

    /// The Unicode version this measure assumes the terminal's C library knows.
    public var knownUnicode: Unicode.Version { (known.major, known.minor) }

    /// Columns `character` takes when drawn at `column` (which matters only for a tab).
    public func columns(of character: Character, atColumn column: Int = 0) -> Int {
        let scalars = character.unicodeScalars
        var iterator = scalars.makeIterator()
        guard let first = iterator.next() else { return 0 }
        if iterator.next() == nil {
            if first == "\t" { return Self.tabWidth(atColumn: column) }
            switch ScalarKind.of(first, known: known) {
            case .spacing(let width): return width
            case .replaced: return 1
            case .emojiModifier: return 2
            case .combining: return 1  // drawn on ◌
            case .dropped: return 0
            }
        }
        var total = 0
        forEachGlyph(of: character, atColumn: column) { total += $0.width }
        return total
    }

    /// Columns `text` takes when drawn from `column`.
    public func columns<Text: StringProtocol>(of text: Text, from column: Int = 0) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var position = column
        for character in text { position += columns(of: character, atColumn: position) }
        return position - column
    }

    /// The glyphs drawn for `character` at `column`: none for an invisible cluster, several for
    /// a tab or an emoji sequence.
    public func glyphs(of character: Character, atColumn column: Int = 0) -> [Glyph] {
        var result: [Glyph] = []
        forEachGlyph(of: character, atColumn: column) { result.append($0) }
        return result
    }

    /// Calls `body` with each glyph of `character`, without collecting them.
    func forEachGlyph(of character: Character, atColumn column: Int, _ body: (Glyph) -> Void) {
        withoutActuallyEscaping(body) { body in
            var builder = GlyphBuilder(column: column, emit: body)
            build(character, into: &builder)
        }
    }

    private func build(_ character: Character, into builder: inout GlyphBuilder) {
        for scalar in character.unicodeScalars {
            if scalar == "\t" {
                builder.flush()
                for _ in 0..<Self.tabWidth(atColumn: builder.column) { builder.start(" ", width: 1) }
                continue
            }
            switch ScalarKind.of(scalar, known: known) {
            case .spacing(let width): builder.start(scalar, width: width)
            case .replaced(let picture): builder.start(picture, width: 1)
            case .combining: builder.attach(scalar)
            case .dropped: continue
            case .emojiModifier:
                if builder.base?.properties.isEmojiModifierBase == true { continue }
                builder.start(scalar, width: 2)
            }
        }
        builder.flush()
    }

    static func tabWidth(atColumn column: Int) -> Int { tabStop - (max(0, column) % tabStop) }
}

/// Collects scalars into glyphs: one spacing scalar, then up to four zero-width ones.
private struct GlyphBuilder {
    var column: Int
    let emit: (Glyph) -> Void
    private(set) var base: Unicode.Scalar?
    private var scalars = String.UnicodeScalarView()
    private var width = 0
    private var attached = 0

    init(column: Int, emit: @escaping (Glyph) -> Void) {
        self.column = column
        self.emit = emit
    }

    mutating func start(_ scalar: Unicode.Scalar, width: Int) {
        flush()
        base = scalar
        scalars.append(scalar)
        self.width = width
    }

    mutating func attach(_ scalar: Unicode.Scalar) {
        if base == nil { start("\u{25CC}", width: 1) }  // ◌, as Unicode shows a lone mark
        guard attached < 4 else { return }
        scalars.append(scalar)
        attached += 1
    }

    mutating func flush() {
        guard width > 0 else { return }
        var character = Character(base ?? "\u{FFFD}")
        if attached > 0 {
            // The scalars came from one cluster, so they form one; should a dropped scalar ever
            // split them, the base alone is still a faithful glyph.
            let text = String(scalars)
            if text.count == 1 { character = Character(text) }
        }
        emit(Glyph(character, width: width))
        column += width
        scalars = String.UnicodeScalarView()
        width = 0
        attached = 0
    }
}
