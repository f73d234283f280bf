import Testing
@testable import TerminalUI

@Suite("Filling rectangles")
struct ScreenFillTests {
    let red = Style(foreground: .indexed(1))

    /// An overlay filled over text must not leave half a wide glyph at its edges.
    @Test func aWideGlyphCutByAFillLosesItsOutsideHalf() {
        var screen = Screen(width: 8, height: 1)
        screen.draw("中文中文", style: .plain, x: 0, y: 0)
        screen.fill(Rect(x: 1, y: 0, width: 4, height: 1), style: red)  // cuts 中 at 0-1 and 中 at 4-5
        #expect(screen[0, 0] == Cell(" ", width: 1, style: .plain))
        #expect((1..<5).allSatisfy { screen[$0, 0] == Cell(" ", width: 1, style: red) })
        #expect(screen[5, 0] == Cell(" ", width: 1, style: .plain))
        #expect(screen[6, 0].grapheme == "文" && screen[7, 0].isContinuation)
    }

    @Test func aFillOnGlyphBoundariesKeepsTheGlyphsBeside() {
        var screen = Screen(width: 6, height: 1)
        screen.draw("中文中", style: .plain, x: 0, y: 0)
        screen.fill(Rect(x: 2, y: 0, width: 2, height: 1), style: red)
        #expect(screen.text == "中  中")
        #expect(screen[0, 0].width == 2 && screen[1, 0].isContinuation)
        #expect(screen[4, 0].width == 2 && screen[5, 0].isContinuation)
    }
}
