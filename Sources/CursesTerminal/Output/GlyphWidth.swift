internal import CNcursesw

/// How wide the terminal adapter draws graphemes: what a view must reserve for one so that the
/// `Screen`, curses and the terminal agree (see `CellGlyph` for the rules).
///
/// Measures with glibc's `wcwidth`, as curses and tmux do.
/// - Important: needs a UTF-8 locale: valid after `Terminal.start()` (or `setlocale`).
public enum GlyphWidth {
    /// 1 or 2 for anything drawable; a grapheme of control characters counts as 1 (drawn as
    /// U+FFFD).
    public static func columns(of grapheme: Character) -> Int {
        if grapheme.isASCII, let scalar = grapheme.unicodeScalars.first, scalar.value >= 0x20, scalar.value < 0x7F {
            return 1
        }
        return CellGlyph.columns(of: grapheme, widthOf: cursesWidth)
    }

    /// `wcwidth` of one scalar: -1 for non-printable ones.
    static func cursesWidth(_ scalar: Unicode.Scalar) -> Int {
        Int(wcwidth(wchar_t(bitPattern: scalar.value)))
    }
}
