@testable import CursesTerminal
import Testing
import TerminalUI

@Suite struct FrameDiffTests {
    typealias Run = FrameDiff.Run

    static func screen(_ rows: [String], width: Int = 10) -> Screen {
        var screen = Screen(width: width, height: rows.count)
        for (y, row) in rows.enumerated() {
            var x = 0
            for character in row {
                let columns = character.unicodeScalars.first!.value >= 0x1100 ? 2 : 1
                x += screen.put(character, width: columns, x: x, y: y, style: .plain)
            }
        }
        return screen
    }

    @Test func identicalFramesWriteNothing() {
        let frame = Self.screen(["hello", "world"])
        #expect(FrameDiff(from: frame, to: frame).runs.isEmpty)
    }

    @Test func noOldFrameOrAnotherSizeWritesEverything() {
        let frame = Self.screen(["ab", "cd"], width: 3)
        #expect(FrameDiff(from: nil, to: frame).runs == [Run(y: 0, x: 0, count: 3), Run(y: 1, x: 0, count: 3)])
        #expect(FrameDiff(from: Self.screen(["ab"], width: 3), to: frame).cellCount == 6)
    }

    @Test func changedCellsBecomeRunsPerRow() {
        let old = Self.screen(["abcdefgh", "12345678"])
        let new = Self.screen(["aXYdefgZ", "12345678"])
        #expect(FrameDiff(from: old, to: new).runs == [Run(y: 0, x: 1, count: 2), Run(y: 0, x: 7, count: 1)])
    }

    @Test func aWideGraphemeIsWrittenWhole() {
        // Only the continuation half differs (the grapheme moved right by one): both halves go.
        let old = Self.screen(["a日b"]), new = Self.screen(["ab日"])
        #expect(FrameDiff(from: old, to: new).runs == [Run(y: 0, x: 1, count: 3)])
        // A style change on the continuation cell alone still rewrites its owner.
        var styled = Self.screen(["日x"])
        styled[1, 0] = Cell(" ", width: 0, style: Style(attributes: .bold))
        #expect(FrameDiff(from: Self.screen(["日x"]), to: styled).runs == [Run(y: 0, x: 0, count: 2)])
    }

    @Test func aWideGraphemeReplacedByNarrowOnes() {
        let old = Self.screen(["日本"]), new = Self.screen(["ab本"])
        #expect(FrameDiff(from: old, to: new).runs == [Run(y: 0, x: 0, count: 2)])
    }

    @Test func cursorMovesAloneChangeNoCells() {
        let old = Self.screen(["abc"])
        var new = old
        new.cursor = (x: 2, y: 0)
        #expect(FrameDiff(from: old, to: new).runs.isEmpty)
    }
}
