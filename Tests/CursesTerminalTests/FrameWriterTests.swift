@testable import CursesTerminal
import Foundation
import Testing
import TerminalUI

/// The bytes a frame becomes, with sequences spelled as readable tokens (`<at 2,5>`, `<fg 1>`)
/// so an expectation reads as what the terminal is told.
@Suite struct FrameWriterTests {
    init() {
        setlocale(LC_CTYPE, "C.UTF-8")  // glyph widths come from wcwidth, as in the app
    }

    static func sequences(lastCellScrolls: Bool = false) -> TerminalSequences {
        func token(_ text: String) -> [UInt8] { Array("<\(text)>".utf8) }
        return TerminalSequences(
            resetAttributes: token("sgr0"), defaultColors: token("op"), bold: token("bold"), dim: token("dim"),
            italic: token("italic"), underline: token("underline"), reverse: token("rev"), clearScreen: token("clear"),
            showCursor: token("show"), hideCursor: token("hide"), lastCellScrolls: lastCellScrolls,
            moveCursor: { bytes, row, column in bytes += token("at \(row),\(column)") },
            foreground: { bytes, color in bytes += token("fg \(color)") },
            background: { bytes, color in bytes += token("bg \(color)") })
    }

    static func writer(colors: Int = 256, lastCellScrolls: Bool = false) -> FrameWriter {
        FrameWriter(sequences: sequences(lastCellScrolls: lastCellScrolls), palette: TerminalPalette(colorCount: colors, hasDefaultColors: true))
    }

    static func text(_ screen: Screen, over previous: Screen?, with writer: inout FrameWriter, size: (Int, Int)? = nil) -> String {
        var bytes: [UInt8] = []
        writer.write(screen, over: previous, size: size ?? (screen.width, screen.height), into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func screen(_ rows: [String], width: Int = 4, style: Style = .plain) -> Screen {
        var screen = Screen(width: width, height: rows.count)
        for (y, row) in rows.enumerated() { screen.draw(row, style: style, x: 0, y: y) }
        return screen
    }

    @Test func theFirstFrameClearsAndDrawsEveryCell() {
        var writer = Self.writer()
        let text = Self.text(Self.screen(["ab", "c"], width: 3), over: nil, with: &writer)
        #expect(text == "<hide><sgr0><op><clear><at 0,0>ab <at 1,0>c  ")
    }

    @Test func aChangedCellIsOneMoveAndItsText() {
        var writer = Self.writer()
        let old = Self.screen(["abcd", "efgh"]), new = Self.screen(["abcd", "efXh"])
        _ = Self.text(old, over: nil, with: &writer)
        #expect(Self.text(new, over: old, with: &writer) == "<at 1,2>X")
        #expect(Self.text(new, over: new, with: &writer) == "", "nothing changed, nothing written")
    }

    @Test func aStyleIsSetWhereItChangesOnly() {
        var writer = Self.writer()
        var screen = Self.screen(["ab", "cd"], width: 2)
        let red = Style(foreground: .indexed(1), attributes: [.bold, .underline])
        screen.draw("cd", style: red, x: 0, y: 1)
        let text = Self.text(screen, over: nil, with: &writer)
        #expect(text == "<hide><sgr0><op><clear><at 0,0>ab<at 1,0><sgr0><op><bold><underline><fg 1>cd")
        // The terminal keeps drawing in red: a plain cell next needs the plain style again.
        var next = screen
        next.draw("x", style: .plain, x: 0, y: 0)
        #expect(Self.text(next, over: screen, with: &writer) == "<at 0,0><sgr0><op>x")
    }

    @Test func withoutColourNoColourIsSent() {
        var writer = Self.writer(colors: 0)
        let screen = Self.screen(["ab"], width: 2, style: Style(foreground: .indexed(1), background: .indexed(4), attributes: .reverse))
        #expect(Self.text(screen, over: nil, with: &writer) == "<hide><sgr0><op><clear><at 0,0><sgr0><op><rev>ab")
    }

    @Test func theCaretIsPlacedAfterDrawingAndShownOnce() {
        var writer = Self.writer()
        var screen = Self.screen(["ab"], width: 3)
        screen.cursor = (x: 2, y: 0)
        #expect(Self.text(screen, over: nil, with: &writer) == "<hide><sgr0><op><clear><at 0,0>ab <at 0,2><show>")
        var moved = screen
        moved.cursor = (x: 1, y: 0)
        #expect(Self.text(moved, over: screen, with: &writer) == "<at 0,1>", "only the caret moved")
        var typed = moved
        typed.draw("z", style: .plain, x: 1, y: 0)
        #expect(Self.text(typed, over: moved, with: &writer) == "<hide><at 0,1>z<at 0,1><show>")
        var hidden = typed
        hidden.cursor = nil
        #expect(Self.text(hidden, over: typed, with: &writer) == "<hide>")
    }

    @Test func wideGraphemesAreWrittenOnceAndNeverHalf() {
        var writer = Self.writer()
        let old = Self.screen(["ab日"], width: 4)
        var new = old
        new.put("語", width: 2, x: 2, y: 0, style: .plain)
        _ = Self.text(old, over: nil, with: &writer)
        #expect(Self.text(new, over: old, with: &writer) == "<at 0,2>語")
        // Clipped by a narrower terminal, the column that is left shows U+FFFD, not half a glyph.
        var clipped = Self.writer()
        #expect(Self.text(new, over: nil, with: &clipped, size: (3, 1)) == "<hide><sgr0><op><clear><at 0,0>ab\u{FFFD}")
    }

    @Test func controlCharactersNeverReachTheTerminal() {
        var writer = Self.writer()
        var screen = Screen(width: 8, height: 1)
        for (x, grapheme) in ["\u{1B}", "\u{07}", "\u{9B}", "\u{7F}", "\r\n", "\u{0}", "e\u{301}", "x"].enumerated() {
            screen.put(Character(grapheme), width: 1, x: x, y: 0, style: .plain)
        }
        let bytes = Array(Self.text(screen, over: nil, with: &writer).utf8)
        let controls = bytes.enumerated().filter { $0.element < 0x20 || $0.element == 0x7F }
        #expect(controls.isEmpty, "control bytes at \(controls.map(\.offset))")
        #expect(String(decoding: bytes, as: UTF8.self).contains("e\u{301}x"))
        #expect(String(decoding: bytes, as: UTF8.self).components(separatedBy: "\u{FFFD}").count - 1 == 6)
    }

    @Test func theBottomRightCellIsLeftAloneWhereWritingItScrolls() {
        var writer = Self.writer(lastCellScrolls: true)
        #expect(Self.text(Self.screen(["ab", "cd"], width: 2), over: nil, with: &writer) == "<hide><sgr0><op><clear><at 0,0>ab<at 1,0>c")
    }

    @Test func aRepaintStartsFromAClearScreenInPlainColours() {
        var writer = Self.writer()
        let screen = Self.screen(["ab"], width: 2, style: Style(foreground: .indexed(2)))
        _ = Self.text(screen, over: nil, with: &writer)
        writer.forgetTerminalState()
        #expect(Self.text(screen, over: nil, with: &writer) == "<hide><sgr0><op><clear><at 0,0><sgr0><op><fg 2>ab")
    }

    @Test func paddingIsTakenOutOfCapabilities() {
        #expect(TerminalSequences.withoutPadding(Array("\u{1B}[H\u{1B}[2J$<50>".utf8)) == Array("\u{1B}[H\u{1B}[2J".utf8))
        #expect(TerminalSequences.withoutPadding(Array("a$<2*/>b$5".utf8)) == Array("ab$5".utf8))
        var bytes: [UInt8] = []
        TerminalSequences.appendANSIMove(&bytes, row: 9, column: 119)
        #expect(bytes == Array("\u{1B}[10;120H".utf8))
    }
}
