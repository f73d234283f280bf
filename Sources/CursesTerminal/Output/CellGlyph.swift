/// What to hand curses for one cell's grapheme so that curses, the terminal and the `Screen`
/// agree on its width.
///
/// curses stores one spacing character plus up to four zero-width ones per cell (`cchar_t`)
/// and measures it with `wcwidth`, like tmux. Graphemes made of several spacing characters
/// (ZWJ sequences, skin tones, flags) and emoji presentation selectors are where terminals
/// disagree, so:
/// - a grapheme is split into units, each a spacing character with the zero-width characters
///   after it; if the units' widths add up to the cell's width (a flag: two regional
///   indicators of width 1), they are written side by side;
/// - otherwise only the first unit is written (a ZWJ family shows its first person, a
///   thumbs-up loses its skin tone), padded with spaces if it is narrower than the cell, or
///   replaced by U+FFFD if it is wider;
/// - U+FE0F (emoji presentation) after a narrow character is dropped: `wcwidth` counts such a
///   heart as 1 column while many terminals draw 2, which would shift the rest of the line;
/// - a control character becomes U+FFFD, and a grapheme starting with a zero-width character
///   gets a space to sit on.
struct CellGlyph: Equatable {
    /// What to write at consecutive columns, one curses cell each; each unit's width is in
    /// `widths`. The widths add up to the cell's width.
    var units: [[Unicode.Scalar]]
    var widths: [Int]

    static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// - Parameters:
    ///   - columns: the cell's width, 1 or 2.
    ///   - maxScalars: how many characters one curses cell holds (`CCHARW_MAX`).
    ///   - widthOf: `wcwidth`: -1 for non-printable characters.
    init(_ grapheme: Character, columns: Int, maxScalars: Int, widthOf: (Unicode.Scalar) -> Int) {
        let columns = max(1, columns)
        if grapheme.isASCII, let scalar = grapheme.unicodeScalars.first, scalar.value >= 0x20, scalar.value < 0x7F, columns == 1 {
            units = [[scalar]]
            widths = [1]
            return
        }
        let split = Self.split(grapheme, maxScalars: maxScalars, widthOf: widthOf)
        let total = split.reduce(0) { $0 + $1.width }
        if total == columns {
            units = split.map(\.scalars)
            widths = split.map(\.width)
            return
        }
        var first = split[0]
        if first.width > columns { first = ([Self.replacement], 1) }
        units = [first.scalars]
        widths = [first.width]
        for _ in 0..<(columns - first.width) {
            units.append([" "])
            widths.append(1)
        }
    }

    /// The grapheme's width as this adapter draws it: all of it when that is at most 2 columns,
    /// else its first unit's. What a view should reserve for it.
    static func columns(of grapheme: Character, widthOf: (Unicode.Scalar) -> Int) -> Int {
        let split = split(grapheme, maxScalars: 5, widthOf: widthOf)
        let total = split.reduce(0) { $0 + $1.width }
        return total <= 2 ? total : min(2, split[0].width)
    }

    /// The grapheme as units: a spacing character (or U+FFFD for a control) and the zero-width
    /// characters after it, never empty.
    private static func split(_ grapheme: Character, maxScalars: Int, widthOf: (Unicode.Scalar) -> Int) -> [(scalars: [Unicode.Scalar], width: Int)] {
        var split: [(scalars: [Unicode.Scalar], width: Int)] = []
        for scalar in grapheme.unicodeScalars {
            // wcwidth calls NUL zero-width; no C0 or C1 control may reach the terminal.
            let width = isControl(scalar) ? -1 : widthOf(scalar)
            if width < 0 {
                split.append(([replacement], 1))
            } else if width == 0, !split.isEmpty {
                let previous = split[split.count - 1]
                if scalar == "\u{FE0F}", previous.width == 1 { continue }
                if previous.scalars.count < maxScalars { split[split.count - 1].scalars.append(scalar) }
            } else if width == 0 {
                split.append(([" ", scalar], 1))
            } else {
                split.append(([scalar], width))
            }
        }
        return split.isEmpty ? [([" "], 1)] : split
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
    }
}
