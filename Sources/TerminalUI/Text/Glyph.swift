/// What one terminal cell (or a wide pair of cells) shows: a grapheme as it will be written, and
/// the columns every terminal agrees it takes.
///
/// - Important: `character` is always one spacing scalar followed by at most four zero-width
///   ones, exactly what an ncurses `cchar_t` holds (`CCHARW_MAX` is 5), and `width` is glibc's
///   `wcwidth` of that spacing scalar: 1 or 2. A terminal adapter can hand it to `setcchar`
///   as is. See `TextWidth` for how a grapheme cluster becomes glyphs.
public struct Glyph: Sendable, Hashable {
    public let character: Character
    public let width: Int

    public init(_ character: Character, width: Int) {
        self.character = character
        self.width = width
    }
}
