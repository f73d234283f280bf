/// The characters of a box outline. Box-drawing characters are one column in every terminal
/// (ambiguous width, narrow outside CJK locales).
public struct BorderCharacters: Sendable, Hashable {
    public var horizontal: Character, vertical: Character
    public var topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character
    /// Joints where a divider meets the outline: ├ and ┤.
    public var teeRight: Character, teeLeft: Character

    public static let light = BorderCharacters(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", teeRight: "├", teeLeft: "┤")
    public static let rounded = BorderCharacters(horizontal: "─", vertical: "│", topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯", teeRight: "├", teeLeft: "┤")
    public static let heavy = BorderCharacters(horizontal: "━", vertical: "┃", topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛", teeRight: "┣", teeLeft: "┫")
}

extension Screen {
    /// Draws the outline of `rect` with `characters`, and `title` on its top edge from the third
    /// column, padded with a space each side and truncated with `…` to fit. The inside is left
    /// as it is. A rectangle under 2×2 draws nothing.
    public mutating func drawBox(_ rect: Rect, style: Style, characters: BorderCharacters = .light, title: [StyledSpan] = [], clip: Rect? = nil, measure: TextWidth = .standard) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let area = (clip ?? bounds).intersection(bounds)
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        drawHorizontalLine(x: rect.x + 1, y: rect.y, width: rect.width - 2, style: style, character: characters.horizontal, clip: area)
        drawHorizontalLine(x: rect.x + 1, y: bottom, width: rect.width - 2, style: style, character: characters.horizontal, clip: area)
        drawVerticalLine(x: rect.x, y: rect.y + 1, height: rect.height - 2, style: style, character: characters.vertical, clip: area)
        drawVerticalLine(x: right, y: rect.y + 1, height: rect.height - 2, style: style, character: characters.vertical, clip: area)
        for (x, y, corner) in [(rect.x, rect.y, characters.topLeft), (right, rect.y, characters.topRight),
                               (rect.x, bottom, characters.bottomLeft), (right, bottom, characters.bottomRight)]
        where x >= area.x && x < area.maxX && y >= area.y && y < area.maxY {
            put(corner, width: 1, x: x, y: y, style: style)
        }
        let room = rect.width - 6  // corner, dash, space, title, space, dash, corner
        guard !title.isEmpty, room > 0 else { return }
        let shown = measure.truncate(title, to: room)
        let titleStyle = shown.first?.style ?? style
        let titleArea = Rect(x: rect.x + 2, y: rect.y, width: rect.width - 4, height: 1).intersection(area)
        var x = draw(" ", style: titleStyle, x: rect.x + 2, y: rect.y, clip: titleArea)
        x = draw(shown, x: x, y: rect.y, clip: titleArea, measure: measure)
        draw(" ", style: shown.last?.style ?? style, x: x, y: rect.y, clip: titleArea)
    }

    /// Draws `width` copies of `character` (─ unless told) rightwards from (x, y).
    public mutating func drawHorizontalLine(x: Int, y: Int, width: Int, style: Style, character: Character = "─", clip: Rect? = nil) {
        let area = (clip ?? bounds).intersection(bounds)
        guard y >= area.y, y < area.maxY else { return }
        for column in max(x, area.x)..<max(max(x, area.x), min(x + width, area.maxX)) {
            put(character, width: 1, x: column, y: y, style: style)
        }
    }

    /// Draws `height` copies of `character` (│ unless told) downwards from (x, y).
    public mutating func drawVerticalLine(x: Int, y: Int, height: Int, style: Style, character: Character = "│", clip: Rect? = nil) {
        let area = (clip ?? bounds).intersection(bounds)
        guard x >= area.x, x < area.maxX else { return }
        for row in max(y, area.y)..<max(max(y, area.y), min(y + height, area.maxY)) {
            put(character, width: 1, x: x, y: row, style: style)
        }
    }
}
