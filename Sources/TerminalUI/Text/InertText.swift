/// Untrusted text made harmless for a terminal: the characters a terminal would obey rather than
/// show become visible symbols, so no escape sequence in a bot's reply ever reaches it.
///
/// The mapping is the one `poe-tui ask` uses on a terminal: C0 controls become Unicode control
/// pictures (ESC shows as ␛), DEL becomes ␡, C1 controls become U+FFFD. Drawing through `Screen`
/// applies it to every grapheme; `inert(_:)` is for text that leaves the screen some other way
/// (a window title, a log line).
public enum InertText {
    /// The visible stand-in for a control scalar; other scalars are returned unchanged.
    public static func picture(for scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x00...0x1F: return Unicode.Scalar(0x2400 + scalar.value)!  // ␀ … ␟
        case 0x7F: return "\u{2421}"  // ␡
        case 0x80...0x9F: return "\u{FFFD}"
        default: return scalar
        }
    }

    /// `text` with every C0 control (tab and newline included), DEL and C1 control replaced by
    /// its picture.
    public static func inert(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { result.append(picture(for: scalar)) }
        return String(result)
    }

    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
