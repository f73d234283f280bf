/// How one Unicode scalar behaves when written to a terminal whose widths come from glibc's
/// `wcwidth` (ncurses and tmux both use it).
enum ScalarKind: Equatable {
    /// Starts a new glyph this many columns wide (1 or 2).
    case spacing(Int)
    /// Zero columns: rides on the glyph before it (accents, Hangul vowel and final jamo).
    case combining
    /// Not drawn: invisible format characters (ZWJ, bidi controls, tags) and the emoji
    /// variation selectors, whose effect on width terminals disagree about.
    case dropped
    /// A skin tone: dropped after an emoji that takes one, a 2-column swatch anywhere else.
    case emojiModifier
    /// Drawn as this visible, inert, 1-column stand-in.
    case replaced(Unicode.Scalar)

    /// Classifies `scalar` for a terminal whose C library knows Unicode up to `known`.
    static func of(_ scalar: Unicode.Scalar, known: UnicodeVersionNumber) -> ScalarKind {
        let value = scalar.value
        if value < 0x7F { return value >= 0x20 ? .spacing(1) : .replaced(InertText.picture(for: scalar)) }
        if value <= 0x9F { return .replaced(InertText.picture(for: scalar)) }
        if value < 0x300 { return .spacing(1) }  // Latin-1 and Latin Extended: no marks, all narrow
        if isCommonWide(value), known >= unicode14 { return .spacing(2) }
        let properties = scalar.properties
        // glibc returns -1 for what its tables lack, and ncurses then draws a blank of its own
        // choosing: a replacement character at least shows something was there.
        guard let age = properties.age, UnicodeVersionNumber(age) <= known else { return .replaced(replacement) }
        switch value {
        case 0xFE0E, 0xFE0F: return .dropped
        case 0x1160...0x11FF, 0xD7B0...0xD7FF: return .combining  // Hangul medial vowels and finals
        case 0x1F1E6...0x1F1FF: return .spacing(1)  // regional indicators: a flag is two of them
        case 0x1171E: return .combining  // an Ahom spacing mark glibc 2.36 counts as zero
        default: break
        }
        if properties.isEmojiModifier { return .emojiModifier }
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark:
            return .combining
        case .format:
            return prependedMarks.contains(value) ? .spacing(1) : .dropped
        case .lineSeparator, .paragraphSeparator, .unassigned, .surrogate, .control:
            return .replaced(replacement)
        default:
            break
        }
        return properties.isEmojiPresentation || EastAsianWidth.isWide(value) ? .spacing(2) : .spacing(1)
    }

    static let replacement: Unicode.Scalar = "\u{FFFD}"

    private static let unicode14 = UnicodeVersionNumber((14, 0))

    /// The big ideograph, kana and syllable blocks, all letters, all wide and all assigned by
    /// Unicode 14: recognised without a property lookup, which is most of the cost of measuring
    /// CJK text.
    static func isCommonWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0x3041...0x3096, 0x30A1...0x30FA: return true
        default: return false
        }
    }

    /// Format characters that glibc draws one column wide: the soft hyphen and the prepended
    /// concatenation marks (Arabic number signs and the like).
    private static let prependedMarks: Set<UInt32> = [
        0xAD, 0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x6DD, 0x70F, 0x890, 0x891, 0x8E2, 0x110BD, 0x110CD,
    ]
}

/// A Unicode version as two comparable numbers (the standard library's `Unicode.Version` is a
/// tuple, which can be neither `Hashable` nor `Comparable`).
struct UnicodeVersionNumber: Sendable, Hashable, Comparable {
    let major: Int
    let minor: Int

    init(_ version: Unicode.Version) {
        major = version.major
        minor = version.minor
    }

    static func < (lhs: Self, rhs: Self) -> Bool { (lhs.major, lhs.minor) < (rhs.major, rhs.minor) }
}
