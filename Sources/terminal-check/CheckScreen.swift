import CursesTerminal
import TerminalUI

/// terminal-check's frame: a header, a test pattern (ASCII, CJK and emoji in a box whose right
/// edge must line up, colour swatches, attributes), then the last events.
enum CheckScreen {
    struct Info {
        var term: String
        var colorCount: Int
        var pid: Int
        var ticks: Int
        var log: [String]
    }

    static let logLines = 10
    /// The row of the box's top edge; the tests look for the box there.
    static let boxTop = 4
    /// The first event row.
    static let logTop = 12

    static func render(width: Int, height: Int, info: Info) -> Screen {
        var screen = Screen(width: width, height: height)
        let header = Style(attributes: .reverse)
        screen.fill(Rect(x: 0, y: 0, width: width, height: 1), style: header)
        write(" terminal-check  TERM=\(info.term)  colours \(info.colorCount)  \(width)x\(height)  pid \(info.pid)  ticks \(info.ticks)", x: 0, y: 0, style: header, into: &screen)
        write("Ctrl-Q quits. Type, paste and resize: the events appear below.", x: 0, y: 1, into: &screen)
        write("ascii  The quick brown fox jumps over the lazy dog 0123456789", x: 0, y: 3, into: &screen)
        // The inside is 12 columns: 日本語 (6) space 🙂 (2) space "ok" (2).
        write("box    ┌────────────┐", x: 0, y: boxTop, into: &screen)
        write("       │日本語 🙂 ok│", x: 0, y: boxTop + 1, into: &screen)
        write("       └────────────┘", x: 0, y: boxTop + 2, into: &screen)
        write("colour", x: 0, y: 7, into: &screen)
        for index in 0..<16 {
            write("  ", x: 7 + index * 2, y: 7, style: Style(background: .indexed(UInt8(index))), into: &screen)
        }
        write("256", x: 0, y: 8, into: &screen)
        for step in 0..<36 {
            // Across the colour cube and down the grey ramp: mapped to the basic eight on 8 colours.
            let index = step < 24 ? 16 + step * 9 : 232 + (step - 24) * 2
            write(" ", x: 7 + step, y: 8, style: Style(background: .indexed(UInt8(index))), into: &screen)
        }
        var x = 7
        write("style", x: 0, y: 9, into: &screen)
        for (name, attribute) in [("bold", TextAttributes.bold), ("dim", .dim), ("italic", .italic), ("underline", .underline), ("reverse", .reverse)] {
            x += write(name, x: x, y: 9, style: Style(foreground: .indexed(4), attributes: attribute), into: &screen) + 1
        }
        write("events (newest last):", x: 0, y: logTop - 1, into: &screen)
        for (row, line) in info.log.suffix(logLines).enumerated() {
            write(line, x: 2, y: logTop + row, into: &screen)
        }
        return screen
    }

    /// Writes text from (x, y), clipped at the right edge; returns the columns used.
    @discardableResult
    static func write(_ text: String, x: Int, y: Int, style: Style = .plain, into screen: inout Screen) -> Int {
        var column = x
        for character in text {
            let used = screen.put(character, width: GlyphWidth.columns(of: character), x: column, y: y, style: style)
            if used == 0 { break }
            column += used
        }
        return column - x
    }
}
