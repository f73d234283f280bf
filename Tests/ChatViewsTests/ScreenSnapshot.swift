import TerminalUI

/// A screen as text a person can review in a diff: each row's glyphs between `|` bars, and under
/// it one letter per cell naming the cell's style, then a legend of the styles with the theme
/// roles each one is.
///
/// A wide glyph is written once and its continuation cell not at all, so the row still spans
/// `width` columns in a monospace font; the style row always has exactly `width` letters. `.`
/// is the terminal's plain style. Half a wide glyph (a continuation cell with no wide glyph
/// before it, or a wide glyph with no continuation after it: bugs a terminal shows as garbage)
/// is written as `¿`.
struct ScreenSnapshot {
    let screen: Screen
    let theme: Theme

    private static let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    var text: String {
        var letterOf: [Style: Character] = [.plain: "."]
        var order: [Style] = [.plain]
        var lines = ["screen \(screen.width)x\(screen.height), theme \(theme.name) (\(theme.colors)), cursor "
                     + (screen.cursor.map { "at x \($0.x), y \($0.y)" } ?? "hidden")]
        let rowLabelWidth = String(screen.height - 1).count
        for y in 0..<screen.height {
            var glyphs = "", styles = ""
            for x in 0..<screen.width {
                let cell = screen[x, y]
                if cell.isContinuation {
                    if x == 0 || screen[x - 1, y].width != 2 { glyphs.append("¿") }
                } else if cell.width == 2, x + 1 == screen.width || !screen[x + 1, y].isContinuation {
                    glyphs.append("¿")
                } else {
                    glyphs.append(cell.grapheme)
                }
                if letterOf[cell.style] == nil {
                    letterOf[cell.style] = order.count - 1 < Self.letters.count ? Self.letters[order.count - 1] : "?"
                    order.append(cell.style)
                }
                styles.append(letterOf[cell.style]!)
            }
            let label = String(y)
            lines.append(String(repeating: " ", count: rowLabelWidth - label.count) + label + " |" + glyphs + "|")
            lines.append(String(repeating: " ", count: rowLabelWidth) + " |" + styles + "|")
        }
        lines.append("styles:")
        for style in order {
            let roles = ThemeRole.all.filter { theme.style(for: $0) == style }.map(\.name)
            let shown = roles.count > 4 ? roles.prefix(4).joined(separator: ", ") + ", …" : roles.joined(separator: ", ")
            lines.append("  \(letterOf[style]!) \(Self.describe(style))" + (shown.isEmpty ? "" : "  = \(shown)"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `fg 245 bg default bold italic`: colours as the theme gives them, then attributes.
    static func describe(_ style: Style) -> String {
        func color(_ color: TerminalColor) -> String {
            switch color {
            case .terminalDefault: return "default"
            case .indexed(let index): return String(index)
            }
        }
        let names: [(TextAttributes, String)] = [(.bold, "bold"), (.dim, "dim"), (.italic, "italic"), (.underline, "underline"), (.reverse, "reverse")]
        let attributes = names.filter { style.attributes.contains($0.0) }.map(\.1)
        return (["fg \(color(style.foreground))", "bg \(color(style.background))"] + attributes).joined(separator: " ")
    }
}
