@testable import CursesTerminal
import Testing
import TerminalUI

@Suite struct TerminalPaletteTests {
    @Test func indexedColoursOn256AndOn8() {
        let rich = TerminalPalette(colorCount: 256, hasDefaultColors: true)
        let basic = TerminalPalette(colorCount: 8, hasDefaultColors: true)
        #expect(rich.number(for: .indexed(196), foreground: true) == 196)
        #expect(basic.number(for: .indexed(196), foreground: true) == 1)  // bright red -> red
        #expect(basic.number(for: .indexed(12), foreground: true) == 4)  // bright blue -> blue
        #expect(basic.number(for: .indexed(3), foreground: true) == 3)
        #expect(rich.number(for: .terminalDefault, foreground: false) == -1)
    }

    @Test func withoutDefaultColoursTheDefaultIsWhiteOnBlack() {
        let palette = TerminalPalette(colorCount: 8, hasDefaultColors: false)
        #expect(palette.number(for: .terminalDefault, foreground: true) == 7)
        #expect(palette.number(for: .terminalDefault, foreground: false) == 0)
    }
}
