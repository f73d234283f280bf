@testable import CursesTerminal
import Testing
import TerminalUI

@Suite struct ColorPairsTests {
    @Test func indexedColoursOn256AndOn8() {
        let rich = ColorPairs(colorCount: 256, pairLimit: 65536, hasDefaultColors: true)
        let basic = ColorPairs(colorCount: 8, pairLimit: 64, hasDefaultColors: true)
        #expect(rich.curses(.indexed(196), foreground: true) == 196)
        #expect(basic.curses(.indexed(196), foreground: true) == 1)  // bright red -> red
        #expect(basic.curses(.indexed(12), foreground: true) == 4)  // bright blue -> blue
        #expect(basic.curses(.indexed(3), foreground: true) == 3)
        #expect(rich.curses(.terminalDefault, foreground: false) == -1)
    }

    @Test func withoutDefaultColoursTheDefaultIsWhiteOnBlack() {
        let pairs = ColorPairs(colorCount: 8, pairLimit: 64, hasDefaultColors: false)
        #expect(pairs.curses(.terminalDefault, foreground: true) == 7)
        #expect(pairs.curses(.terminalDefault, foreground: false) == 0)
    }

    @Test func pairsAreNumberedOnDemandUntilTheyRunOut() {
        var pairs = ColorPairs(colorCount: 8, pairLimit: 3, hasDefaultColors: true)
        let plain = pairs.colors(for: .plain)
        #expect(pairs.pair(for: plain)! == (0, false))
        let red = pairs.colors(for: Style(foreground: .indexed(1)))
        let blue = pairs.colors(for: Style(foreground: .indexed(4)))
        #expect(pairs.pair(for: red)! == (1, true))
        #expect(pairs.pair(for: red)! == (1, false))
        #expect(pairs.pair(for: blue)! == (2, true))
        #expect(pairs.pair(for: pairs.colors(for: Style(foreground: .indexed(2)))) == nil)
        pairs.reset()
        #expect(pairs.pair(for: blue)! == (1, true))
    }

    @Test func noColourMeansPairZero() {
        var pairs = ColorPairs(colorCount: 0, pairLimit: 0, hasDefaultColors: false)
        #expect(pairs.pair(for: pairs.colors(for: Style(foreground: .indexed(1))))! == (0, false))
    }
}
