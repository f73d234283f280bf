import TerminalUI

extension Style {
    /// `other` drawn over this style: its colours where it sets them, attributes combined. How
    /// nested markup adds up (a strong word in a heading keeps the heading's colour).
    func layered(with other: Style) -> Style {
        Style(
            foreground: other.foreground == .terminalDefault ? foreground : other.foreground,
            background: other.background == .terminalDefault ? background : other.background,
            attributes: attributes.union(other.attributes)
        )
    }
}
