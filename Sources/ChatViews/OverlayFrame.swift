import TerminalUI

/// The panel every overlay is drawn in: centred over the screen, filled, a rounded border with
/// a title; returns the area inside, two columns in from each side.
enum OverlayFrame {
    static func draw(_ title: String, width: Int, height: Int, in bounds: Rect, on screen: inout Screen, theme: Theme) -> Rect {
        let rect = Rect(x: bounds.x + (bounds.width - width) / 2, y: bounds.y + (bounds.height - height) / 2, width: width, height: height)
        let style = theme.style(for: "overlay")
        screen.fill(rect, style: style)
        screen.drawBox(rect, style: style, characters: .rounded, title: [StyledSpan(title, style: theme.style(for: "title"))])
        return Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2)
    }
}
